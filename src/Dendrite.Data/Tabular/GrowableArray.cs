namespace Dendrite.Data.Tabular;

/// <summary>
/// An array filled one value at a time whose final length is usually known in advance: sized to the expected count,
/// it is handed over as is when the count is exact (no copy and no garbage of doubled buffers, which for columns of a
/// million values would be large-object-heap arrays), and grows by doubling or is trimmed by one copy otherwise.
/// </summary>
/// <param name="capacity">The length to start with.</param>
/// <param name="expected">
/// The final length expected, when <paramref name="capacity"/> starts smaller (values that may stop being collected):
/// the first growth goes straight to it, not through a run of doubled buffers.
/// </param>
internal sealed class GrowableArray<T>(int capacity, int expected = 0)
{
    private T[] _items = new T[Math.Max(capacity, 4)];

    public int Count { get; private set; }

    public void Add(T item)
    {
        if (Count == _items.Length) Array.Resize(ref _items, expected > _items.Length ? expected : _items.Length * 2);
        _items[Count++] = item;
    }

    /// <summary>The values added so far (valid until the next <see cref="Add"/>).</summary>
    public ReadOnlySpan<T> AsSpan() => _items.AsSpan(0, Count);

    /// <summary>The values; the buffer itself when it is exactly full. The buffer must not be added to afterwards.</summary>
    public T[] ToArray()
    {
        if (Count != _items.Length) Array.Resize(ref _items, Count);
        return _items;
    }
}
