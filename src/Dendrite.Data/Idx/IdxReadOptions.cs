namespace Dendrite.Data.Idx;

/// <summary>
/// Limits for <see cref="IdxReader.Read(string, IdxReadOptions?)"/>. A header is never trusted with memory: a file
/// whose header claims more elements than <see cref="MaxElements"/> is refused before anything of that size is
/// allocated or decompressed, so a corrupt or hostile file cannot make the reader take gigabytes.
/// </summary>
public sealed record IdxReadOptions
{
    /// <summary>
    /// 2^30 elements (1 GiB of unsigned bytes, 4 GiB once scaled to float features): about 23 times Fashion-MNIST's
    /// 47 million training pixels, and room for EMNIST's 550 million.
    /// </summary>
    public const long DefaultMaxElements = 1L << 30;

    private readonly long _maxElements = DefaultMaxElements;

    /// <summary>The defaults.</summary>
    public static IdxReadOptions Default { get; } = new();

    /// <summary>
    /// The most elements (the product of the header's dimensions) a file may declare; at least 1. Raise it to read a
    /// genuine larger file; above <see cref="Array.MaxLength"/> it has no further effect, since no .NET array holds more.
    /// </summary>
    public long MaxElements
    {
        get => _maxElements;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxElements = value;
        }
    }
}
