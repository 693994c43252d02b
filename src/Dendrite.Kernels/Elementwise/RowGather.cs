using System.Runtime.CompilerServices;
using Dendrite.Kernels.Threading;

namespace Dendrite.Kernels.Elementwise;

/// <summary>
/// Copies selected rows of a row-major matrix into a dense one: the mini-batch gather of a shuffled epoch. A batch
/// of 256 Fashion-MNIST rows is 800 KB, copied 235 times an epoch, so large gathers are split over the kernel
/// threads (a pure copy: the result does not depend on the split).
/// </summary>
public static class RowGather
{
    /// <summary>Below this many floats per thread the dispatch costs more than the split saves.</summary>
    private const long MinFloatsPerThread = 32 * 1024;

    /// <summary>
    /// target[i, :] = source[rows[i], :] for i in 0..rows.Length-1, where both matrices are row-major with
    /// <paramref name="width"/> columns.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">a width ≤ 0 or a row index outside the source.</exception>
    /// <exception cref="ArgumentException">a target shorter than rows.Length × width.</exception>
    public static void Gather(ReadOnlySpan<float> source, int width, ReadOnlySpan<int> rows, Span<float> target) =>
        Gather(source, width, rows, target, KernelThreads.Count);

    /// <summary>As <see cref="Gather(ReadOnlySpan{float}, int, ReadOnlySpan{int}, Span{float})"/> with at most
    /// <paramref name="threads"/> threads.</summary>
    public static void Gather(ReadOnlySpan<float> source, int width, ReadOnlySpan<int> rows, Span<float> target, int threads) =>
        Gather(source, width, width, rows, target, threads);

    /// <summary>
    /// target[i, 0..cols) = source[rows[i]·stride + 0..cols): the first <paramref name="cols"/> values of rows that
    /// lie <paramref name="stride"/> apart (a matrix with a leading dimension), packed densely.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Gather(ReadOnlySpan<float> source, int stride, int cols, ReadOnlySpan<int> rows, Span<float> target, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cols, stride);
        if (target.Length < (long)rows.Length * cols)
            throw new ArgumentException($"target has {target.Length} values, needs {rows.Length} × {cols}", nameof(target));
        long sourceRows = (source.Length + (long)stride - cols) / stride; // rows whose first cols values fit
        for (int i = 0; i < rows.Length; i++)
            if ((uint)rows[i] >= (ulong)sourceRows)
                throw new ArgumentOutOfRangeException(nameof(rows), $"row index {rows[i]} at position {i} is outside 0..{sourceRows - 1}");
        int t = (int)Math.Clamp((long)rows.Length * cols / MinFloatsPerThread, 1, Math.Min(threads, Math.Max(1, rows.Length)));
        fixed (float* s = source)
        fixed (int* r = rows)
        fixed (float* d = target)
        {
            if (t == 1)
            {
                Copy(s, stride, cols, r, 0, rows.Length, d);
                return;
            }
            RowGatherJob job = RowGatherJob.ForThisThread;
            job.Set(s, stride, cols, r, rows.Length, d, t);
            ParallelFor.Run(job, t, t);
        }
    }

    /// <summary>Rows i0..i1-1 of the gather.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Copy(float* source, int stride, int cols, int* rows, int i0, int i1, float* target)
    {
        nuint bytes = (nuint)cols * sizeof(float);
        for (int i = i0; i < i1; i++)
            Buffer.MemoryCopy(source + ((nint)rows[i] * stride), target + ((nint)i * cols), bytes, bytes);
    }
}
