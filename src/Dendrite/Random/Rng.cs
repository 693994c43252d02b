namespace Dendrite.Random;

/// <summary>
/// Explicit, seedable pseudo-random source (xoshiro256** seeded through SplitMix64).
/// Dendrite has no global random source: every function that draws numbers takes an <see cref="Rng"/>,
/// so the same seed gives the same bits on every machine and .NET version.
/// The whole state is four 64-bit words plus a cached normal deviate (see <see cref="GetState"/>),
/// which lets training resume with an identical random stream.
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;
    private bool _hasSpareNormal;
    private float _spareNormal;

    /// <summary>
    /// A generator whose four state words are expanded from <paramref name="seed"/> by SplitMix64, so nearby seeds
    /// (0, 1, 2, …) give unrelated streams. Not thread-safe: give each thread its own (<see cref="Fork"/>).
    /// </summary>
    /// <param name="seed">Any value, 0 included.</param>
    public Rng(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Next raw 64-bit value.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform float in [0, 1) with 24 random mantissa bits.</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, maxExclusive) without modulo bias (Lemire's method).</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive));
        ulong range = (ulong)maxExclusive;
        while (true)
        {
            ulong x = NextUInt64() >> 32;
            ulong m = x * range;
            ulong low = m & 0xFFFFFFFFUL;
            if (low >= ((1UL << 32) - range) % range || low >= range) return (int)(m >> 32);
        }
    }

    /// <summary>Standard normal deviate (Box–Muller in double precision, two per draw).</summary>
    public float NextNormal()
    {
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            return _spareNormal;
        }
        double u1;
        do { u1 = NextDouble(); } while (u1 <= double.Epsilon);
        double u2 = NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        double theta = 2.0 * Math.PI * u2;
        _spareNormal = (float)(r * Math.Sin(theta));
        _hasSpareNormal = true;
        return (float)(r * Math.Cos(theta));
    }

    /// <summary>Fisher–Yates shuffle of <paramref name="items"/> in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>0..<paramref name="count"/>−1 in a random order: the identity permutation, then <see cref="Shuffle{T}"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public int[] Permutation(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        Shuffle<int>(order);
        return order;
    }

    /// <summary>A new generator seeded from this one, for an independent stream (e.g. dropout vs. shuffling).</summary>
    public Rng Fork() => new(NextUInt64());

    /// <summary>The complete generator state, for checkpoints.</summary>
    public RngState GetState() => new(_s0, _s1, _s2, _s3, _hasSpareNormal, _spareNormal);

    /// <summary>Restores a state returned by <see cref="GetState"/>.</summary>
    public void SetState(RngState state)
    {
        (_s0, _s1, _s2, _s3) = (state.S0, state.S1, state.S2, state.S3);
        _hasSpareNormal = state.HasSpareNormal;
        _spareNormal = state.SpareNormal;
    }
}
