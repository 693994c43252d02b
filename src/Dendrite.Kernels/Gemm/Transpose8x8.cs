using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Dendrite.Kernels.Gemm;

/// <summary>
/// 8×8 float transpose in AVX registers (24 shuffles for 64 values), used by packing to turn strided gathers into
/// contiguous stores; a scalar gather costs about four times as much and dominated NT/NN packing time.
/// </summary>
internal static unsafe class Transpose8x8
{
    public static bool IsSupported => Avx.IsSupported;

    /// <summary>
    /// Reads 8 floats from each of <paramref name="rows"/> rows (src + r·srcStride; rows past the count repeat the
    /// last row so no memory outside the operand is read) and writes column i as 8 consecutive floats at
    /// dst + i·dstStride, i ascending. Lanes at and past <paramref name="rows"/> hold junk the caller overwrites.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run(float* src, nint srcStride, int rows, float* dst, nint dstStride)
    {
        nint last = rows - 1;
        Vector256<float> r0 = Avx.LoadVector256(src);
        Vector256<float> r1 = Avx.LoadVector256(src + (Math.Min(1, last) * srcStride));
        Vector256<float> r2 = Avx.LoadVector256(src + (Math.Min(2, last) * srcStride));
        Vector256<float> r3 = Avx.LoadVector256(src + (Math.Min(3, last) * srcStride));
        Vector256<float> r4 = Avx.LoadVector256(src + (Math.Min(4, last) * srcStride));
        Vector256<float> r5 = Avx.LoadVector256(src + (Math.Min(5, last) * srcStride));
        Vector256<float> r6 = Avx.LoadVector256(src + (Math.Min(6, last) * srcStride));
        Vector256<float> r7 = Avx.LoadVector256(src + (Math.Min(7, last) * srcStride));

        Store(r0, r1, r2, r3, r4, r5, r6, r7, dst, dstStride);
    }

    /// <summary>
    /// As <see cref="Run"/>, with row r read from src + map[first + r]·ld (rows past the count repeat the last):
    /// packing straight from a dataset's rows in a batch's order, with no gathered copy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RunMapped(float* src, int* map, int first, nint ld, int rows, float* dst, nint dstStride)
    {
        int* m = map + first;
        int last = rows - 1;
        Vector256<float> r0 = Avx.LoadVector256(src + (m[0] * ld));
        Vector256<float> r1 = Avx.LoadVector256(src + (m[Math.Min(1, last)] * ld));
        Vector256<float> r2 = Avx.LoadVector256(src + (m[Math.Min(2, last)] * ld));
        Vector256<float> r3 = Avx.LoadVector256(src + (m[Math.Min(3, last)] * ld));
        Vector256<float> r4 = Avx.LoadVector256(src + (m[Math.Min(4, last)] * ld));
        Vector256<float> r5 = Avx.LoadVector256(src + (m[Math.Min(5, last)] * ld));
        Vector256<float> r6 = Avx.LoadVector256(src + (m[Math.Min(6, last)] * ld));
        Vector256<float> r7 = Avx.LoadVector256(src + (m[Math.Min(7, last)] * ld));
        Store(r0, r1, r2, r3, r4, r5, r6, r7, dst, dstStride);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<float> r0, Vector256<float> r1, Vector256<float> r2, Vector256<float> r3,
        Vector256<float> r4, Vector256<float> r5, Vector256<float> r6, Vector256<float> r7, float* dst, nint dstStride)
    {
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44), s1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44), s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44), s5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44), s7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Store(dst, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(dst + (2 * dstStride), Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(dst + (3 * dstStride), Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(dst + (4 * dstStride), Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(dst + (5 * dstStride), Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(dst + (6 * dstStride), Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(dst + (7 * dstStride), Avx.Permute2x128(s3, s7, 0x31));
    }
}
