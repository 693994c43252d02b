using System.Text;

namespace Dendrite.TestKit.Fuzzing;

/// <summary>
/// Turns a valid input into a hostile one with a few random edits: bit flips, bytes set to boundary values,
/// truncation, deleted, duplicated or inserted ranges, format tokens (quotes, delimiters, NULs…) inserted, a decimal
/// number in the text replaced by an extreme one, a long run of one byte, and edits a format adds itself (an IDX
/// dimension or a safetensors length set huge). Deterministic for a given <see cref="System.Random"/>.
/// </summary>
public sealed class Mutator
{
    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x7F, 0x80, 0xFF, (byte)'"', (byte)',', (byte)'\n', (byte)'\r', (byte)'{', (byte)'['];

    /// <summary>Numbers at the edges of every integer and float type a reader might parse them into.</summary>
    public static IReadOnlyList<string> InterestingNumbers { get; } =
    [
        "0", "-1", "1", "255", "256", "65535", "2147483647", "2147483648", "-2147483648", "4294967295", "4294967296",
        "9223372036854775807", "9223372036854775808", "18446744073709551615", "18446744073709551616",
        "99999999999999999999999999", "1e308", "1e400", "-1e400", "3.5e38", "1e-320", "0.5", "-0", "1e300",
    ];

    /// <summary>Values for a 32- or 64-bit integer field.</summary>
    public static IReadOnlyList<long> InterestingIntegers { get; } =
        [0, 1, -1, 2, 255, 65536, int.MaxValue, int.MinValue, 1L << 30, (1L << 31) + 1, uint.MaxValue, 1L << 40, long.MaxValue, long.MinValue];

    private readonly IReadOnlyList<byte[]> _tokens;
    private readonly Func<System.Random, byte[], byte[]>? _formatEdit;

    /// <param name="tokens">Byte strings worth inserting for this format (delimiters, quotes, keywords).</param>
    /// <param name="formatEdit">An edit that knows the format's fields, used for about one edit in five.</param>
    public Mutator(IEnumerable<string> tokens, Func<System.Random, byte[], byte[]>? formatEdit = null)
    {
        _tokens = tokens.Select(Encoding.UTF8.GetBytes).ToArray();
        _formatEdit = formatEdit;
    }

    /// <summary>One to four edits of a copy of <paramref name="input"/>.</summary>
    public byte[] Mutate(System.Random rng, byte[] input)
    {
        byte[] bytes = input;
        int edits = 1 + rng.Next(4);
        for (int i = 0; i < edits; i++) bytes = Edit(rng, bytes);
        return bytes;
    }

    private byte[] Edit(System.Random rng, byte[] b)
    {
        if (_formatEdit is not null && rng.Next(5) == 0) return _formatEdit(rng, b);
        if (b.Length == 0) return Insert(b, 0, _tokens.Count > 0 ? _tokens[rng.Next(_tokens.Count)] : [0]);
        switch (rng.Next(9))
        {
            case 0: // flip bits
                {
                    byte[] c = (byte[])b.Clone();
                    for (int k = 1 + rng.Next(8); k > 0; k--) c[rng.Next(c.Length)] ^= (byte)(1 << rng.Next(8));
                    return c;
                }
            case 1: // a boundary byte
                {
                    byte[] c = (byte[])b.Clone();
                    c[rng.Next(c.Length)] = InterestingBytes[rng.Next(InterestingBytes.Length)];
                    return c;
                }
            case 2: // truncate
                return b[..rng.Next(b.Length)];
            case 3: // delete a range
                {
                    int start = rng.Next(b.Length);
                    int length = 1 + rng.Next(Math.Min(64, b.Length - start));
                    return [.. b.AsSpan(0, start), .. b.AsSpan(start + length)];
                }
            case 4: // duplicate a range elsewhere
                {
                    int start = rng.Next(b.Length);
                    int length = 1 + rng.Next(Math.Min(256, b.Length - start));
                    return Insert(b, rng.Next(b.Length + 1), b.AsSpan(start, length).ToArray());
                }
            case 5: // a format token
                return _tokens.Count == 0 ? b : Insert(b, rng.Next(b.Length + 1), _tokens[rng.Next(_tokens.Count)]);
            case 6: // an extreme number in place of one in the text
                return ReplaceNumber(rng, b);
            case 7: // a long run of one byte
                {
                    byte fill = rng.Next(3) == 0 ? InterestingBytes[rng.Next(InterestingBytes.Length)] : (byte)rng.Next(256);
                    return Insert(b, rng.Next(b.Length + 1), Enumerable.Repeat(fill, 1 << rng.Next(4, 18)).ToArray());
                }
            default: // random bytes over a range
                {
                    byte[] c = (byte[])b.Clone();
                    int start = rng.Next(c.Length);
                    rng.NextBytes(c.AsSpan(start, Math.Min(c.Length - start, 1 + rng.Next(16))));
                    return c;
                }
        }
    }

    /// <summary>Replaces a run of ASCII digits (a count, a size, an offset, a value) with one of <see cref="InterestingNumbers"/>.</summary>
    public static byte[] ReplaceNumber(System.Random rng, byte[] b)
    {
        var starts = new List<int>();
        for (int i = 0; i < b.Length; i++)
            if (char.IsAsciiDigit((char)b[i]) && (i == 0 || !char.IsAsciiDigit((char)b[i - 1]))) starts.Add(i);
        if (starts.Count == 0) return b;
        int start = starts[rng.Next(starts.Count)], end = start;
        while (end < b.Length && char.IsAsciiDigit((char)b[end])) end++;
        byte[] number = Encoding.ASCII.GetBytes(InterestingNumbers[rng.Next(InterestingNumbers.Count)]);
        return [.. b.AsSpan(0, start), .. number, .. b.AsSpan(end)];
    }

    /// <summary>Writes one of <see cref="InterestingIntegers"/> at <paramref name="offset"/>, 4 or 8 bytes, in the given byte order.</summary>
    public static byte[] OverwriteInteger(System.Random rng, byte[] b, int offset, int size, bool bigEndian)
    {
        if (offset < 0 || offset + size > b.Length) return b;
        byte[] c = (byte[])b.Clone();
        long value = InterestingIntegers[rng.Next(InterestingIntegers.Count)];
        for (int i = 0; i < size; i++)
        {
            byte octet = (byte)(value >> (8 * i));
            c[bigEndian ? offset + size - 1 - i : offset + i] = octet;
        }
        return c;
    }

    private static byte[] Insert(byte[] b, int at, ReadOnlySpan<byte> piece) => [.. b.AsSpan(0, at), .. piece, .. b.AsSpan(at)];
}
