using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Dendrite.Kernels.Elementwise;

/// <summary>
/// Inverted dropout with counter-based masks: element i of a call keyed by <c>key</c> is dropped when
/// <see cref="Hash"/>(key, i) &lt; <see cref="Threshold"/>(p), independently of every other element. The mask is a
/// pure function of (key, i), so it is the same on every instruction-set path, for any split of the buffer between
/// threads, and the caller's random stream advances by one key per call (not one draw per element).
/// <para>
/// The hash is two rounds of the "lowbias32" integer mixer (C. Wellons' hash-prospector: multiply/xor-shift with
/// a measured avalanche bias of ≈0.17), each keyed by one 32-bit half of the key:
/// h = mix(mix(i ⊕ k₀) + k₁). 32-bit lanes only, so it vectorises with Vector512/256/128 on AVX-512, AVX2 or SSE.
/// </para>
/// </summary>
public static unsafe class DropoutKernel
{
    /// <summary>
    /// The 32-bit threshold of drop probability <paramref name="p"/> in [0, 1): an element with hash h is dropped
    /// when h &lt; ⌈p·2³²⌉, so it is dropped with probability p up to 2⁻³².
    /// </summary>
    public static uint Threshold(float p)
    {
        if (!(p >= 0f && p < 1f)) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1)");
        return (uint)Math.Min(Math.Ceiling(p * 4294967296.0), uint.MaxValue);
    }

    /// <summary>The keyed hash of element <paramref name="counter"/> (the scalar definition every vector path matches).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Hash(ulong key, uint counter) => Mix(Mix(counter ^ (uint)key) + (uint)(key >> 32));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Mix(uint x)
    {
        x ^= x >> 16;
        x *= 0x7FEB352Du;
        x ^= x >> 15;
        x *= 0x846CA68Bu;
        x ^= x >> 16;
        return x;
    }

    /// <summary>
    /// mask[i] = 0 when element i is dropped, else 1/(1−p); output[i] = input[i]·mask[i], for i in [0, mask.Length).
    /// The counter of mask[i] is <paramref name="offset"/> + i, so a buffer may be done in slices (e.g. by threads)
    /// with the same result as in one call. <paramref name="output"/> may be <paramref name="input"/>.
    /// </summary>
    /// <exception cref="ArgumentException">input or output shorter than mask.</exception>
    /// <exception cref="ArgumentOutOfRangeException">p is not in [0, 1).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(ulong key, float p, ReadOnlySpan<float> input, Span<float> mask, Span<float> output, uint offset = 0)
    {
        uint threshold = Threshold(p);
        if (input.Length < mask.Length || output.Length < mask.Length)
            throw new ArgumentException($"input ({input.Length}) and output ({output.Length}) must cover the mask's {mask.Length} elements.");
        float scale = 1f / (1f - p);
        uint k0 = (uint)key, k1 = (uint)(key >> 32);
        int n = mask.Length, i = 0;
        fixed (float* px = input, pm = mask, py = output)
        {
            if (Vector512.IsHardwareAccelerated && n >= 16)
            {
                var counter = Vector512.Create(offset) + Vector512.Create(0u, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
                var step = Vector512.Create(16u);
                var vk0 = Vector512.Create(k0);
                var vk1 = Vector512.Create(k1);
                var vt = Vector512.Create(threshold);
                var vs = Vector512.Create(scale);
                for (; i + 16 <= n; i += 16)
                {
                    var h = Mix512(Mix512(counter ^ vk0) + vk1);
                    var m = Vector512.AndNot(vs, Vector512.LessThan(h, vt).AsSingle());
                    m.Store(pm + i);
                    (Vector512.Load(px + i) * m).Store(py + i);
                    counter += step;
                }
            }
            if (Vector256.IsHardwareAccelerated && n - i >= 8)
            {
                var counter = Vector256.Create(offset + (uint)i) + Vector256.Create(0u, 1, 2, 3, 4, 5, 6, 7);
                var step = Vector256.Create(8u);
                var vk0 = Vector256.Create(k0);
                var vk1 = Vector256.Create(k1);
                var vt = Vector256.Create(threshold);
                var vs = Vector256.Create(scale);
                for (; i + 8 <= n; i += 8)
                {
                    var h = Mix256(Mix256(counter ^ vk0) + vk1);
                    var m = Vector256.AndNot(vs, Vector256.LessThan(h, vt).AsSingle());
                    m.Store(pm + i);
                    (Vector256.Load(px + i) * m).Store(py + i);
                    counter += step;
                }
            }
            if (Vector128.IsHardwareAccelerated && n - i >= 4)
            {
                var counter = Vector128.Create(offset + (uint)i) + Vector128.Create(0u, 1, 2, 3);
                var step = Vector128.Create(4u);
                var vk0 = Vector128.Create(k0);
                var vk1 = Vector128.Create(k1);
                var vt = Vector128.Create(threshold);
                var vs = Vector128.Create(scale);
                for (; i + 4 <= n; i += 4)
                {
                    var h = Mix128(Mix128(counter ^ vk0) + vk1);
                    var m = Vector128.AndNot(vs, Vector128.LessThan(h, vt).AsSingle());
                    m.Store(pm + i);
                    (Vector128.Load(px + i) * m).Store(py + i);
                    counter += step;
                }
            }
            for (; i < n; i++)
            {
                float m = Hash(key, offset + (uint)i) < threshold ? 0f : scale;
                pm[i] = m;
                py[i] = px[i] * m;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Mix512(Vector512<uint> x)
    {
        x ^= Vector512.ShiftRightLogical(x, 16);
        x *= Vector512.Create(0x7FEB352Du);
        x ^= Vector512.ShiftRightLogical(x, 15);
        x *= Vector512.Create(0x846CA68Bu);
        return x ^ Vector512.ShiftRightLogical(x, 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Mix256(Vector256<uint> x)
    {
        x ^= Vector256.ShiftRightLogical(x, 16);
        x *= Vector256.Create(0x7FEB352Du);
        x ^= Vector256.ShiftRightLogical(x, 15);
        x *= Vector256.Create(0x846CA68Bu);
        return x ^ Vector256.ShiftRightLogical(x, 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> Mix128(Vector128<uint> x)
    {
        x ^= Vector128.ShiftRightLogical(x, 16);
        x *= Vector128.Create(0x7FEB352Du);
        x ^= Vector128.ShiftRightLogical(x, 15);
        x *= Vector128.Create(0x846CA68Bu);
        return x ^ Vector128.ShiftRightLogical(x, 16);
    }
}
