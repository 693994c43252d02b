using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Dendrite.Data.Idx;

/// <summary>
/// Unsigned-byte pixels to features in [0, 1]: value / 255, vectorised and split over the cores. Division (not
/// multiplication by 1/255) so that every value is the correctly rounded quotient; vector division rounds exactly
/// as scalar division does, so the result is the same bits on every instruction set and thread count.
/// </summary>
internal static class PixelScaling
{
    // Chunks this large amortise a thread hand-off; smaller inputs run on the calling thread.
    private const int ChunkLength = 1 << 20;

    /// <summary>destination[i] = source[i] / 255f for every i; the arrays must have equal lengths.</summary>
    public static void Scale(byte[] source, float[] destination)
    {
        if (source.Length != destination.Length)
            throw new ArgumentException($"source has {source.Length} values, destination {destination.Length}");
        int chunks = (int)Math.Min(Environment.ProcessorCount, ((long)source.Length + ChunkLength - 1) / ChunkLength);
        if (chunks <= 1)
        {
            ScaleSerial(source, destination);
            return;
        }
        Parallel.For(0, chunks, c =>
        {
            int start = (int)((long)source.Length * c / chunks), end = (int)((long)source.Length * (c + 1) / chunks);
            ScaleSerial(source.AsSpan(start, end - start), destination.AsSpan(start, end - start));
        });
    }

    internal static void ScaleSerial(ReadOnlySpan<byte> source, Span<float> destination)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated && source.Length >= Vector256<byte>.Count)
        {
            var divisor = Vector256.Create(255f);
            ref byte src = ref MemoryMarshal.GetReference(source);
            ref float dst = ref MemoryMarshal.GetReference(destination);
            for (; i <= source.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                (Vector256<ushort> lo, Vector256<ushort> hi) = Vector256.Widen(Vector256.LoadUnsafe(ref src, (nuint)i));
                (Vector256<uint> a, Vector256<uint> b) = Vector256.Widen(lo);
                (Vector256<uint> c, Vector256<uint> d) = Vector256.Widen(hi);
                Vector256.StoreUnsafe(Vector256.ConvertToSingle(a.AsInt32()) / divisor, ref dst, (nuint)i);
                Vector256.StoreUnsafe(Vector256.ConvertToSingle(b.AsInt32()) / divisor, ref dst, (nuint)(i + 8));
                Vector256.StoreUnsafe(Vector256.ConvertToSingle(c.AsInt32()) / divisor, ref dst, (nuint)(i + 16));
                Vector256.StoreUnsafe(Vector256.ConvertToSingle(d.AsInt32()) / divisor, ref dst, (nuint)(i + 24));
            }
        }
        for (; i < source.Length; i++) destination[i] = source[i] / 255f;
    }
}
