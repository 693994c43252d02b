namespace Dendrite.Data.Tabular;

/// <summary>
/// The texts of one column as a file is read: per row, the number of its text among the column's distinct texts
/// (2 bytes, 0 = missing) while there are at most 65,535 of them, and a string reference per row (8 bytes) from the
/// first text beyond. Equal texts share one string either way.
/// </summary>
/// <param name="capacity">Rows to make room for at first.</param>
/// <param name="expected">Rows expected in the end (the first growth goes straight there).</param>
internal sealed class TextColumnBuilder(int capacity, int expected)
{
    private const int MaxCoded = ushort.MaxValue;

    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _distinct = [];
    private GrowableArray<ushort>? _codes = new(capacity, expected);
    private GrowableArray<string?>? _texts;

    /// <summary>Rows added.</summary>
    public int Count => _codes?.Count ?? _texts!.Count;

    /// <summary>The distinct texts so far, in order of first appearance; null once there are too many to number.</summary>
    public IReadOnlyList<string>? Distinct => _codes is null ? null : _distinct;

    /// <summary>Adds a row's text (null = missing).</summary>
    public void Add(string? text)
    {
        if (_codes is null)
        {
            _texts!.Add(text is not null && _index.TryGetValue(text, out int seen) ? _distinct[seen] : text);
            return;
        }
        if (text is null)
        {
            _codes.Add(0);
            return;
        }
        if (!_index.TryGetValue(text, out int k))
        {
            if (_distinct.Count == MaxCoded)
            {
                SwitchToStrings();
                _texts!.Add(text);
                return;
            }
            k = _distinct.Count;
            _distinct.Add(text);
            _index.Add(text, k);
        }
        _codes.Add((ushort)(k + 1));
    }

    /// <summary>Adds a row's text given as characters; a string is made only for a text not seen before.</summary>
    public void Add(ReadOnlySpan<char> text)
    {
        var lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
        Add(lookup.TryGetValue(text, out int k) ? _distinct[k] : text.ToString());
    }

    /// <summary>The texts of every row (null = missing), one string reference each.</summary>
    public string?[] Texts()
    {
        if (_texts is not null) return _texts.ToArray();
        ReadOnlySpan<ushort> codes = _codes!.AsSpan();
        var texts = new string?[codes.Length];
        for (int r = 0; r < texts.Length; r++) texts[r] = codes[r] == 0 ? null : _distinct[codes[r] - 1];
        return texts;
    }

    /// <summary>A categorical column of these texts, numbered when they are few enough.</summary>
    public TabularColumn Build(string name) =>
        _codes is not null
            ? TabularColumn.FromTextCodes(name, _codes.ToArray(), [.. _distinct])
            : new TabularColumn(name, ColumnKind.Categorical, _texts!.ToArray(), null);

    private void SwitchToStrings()
    {
        _texts = new GrowableArray<string?>(Math.Max(expected, _codes!.Count + 1));
        foreach (ushort code in _codes.AsSpan()) _texts.Add(code == 0 ? null : _distinct[code - 1]);
        _codes = null;
    }
}
