using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Dendrite.Kernels.Elementwise;

/// <summary>Plain elementwise arithmetic on spans. Thin wrappers over TensorPrimitives where it already does the job.</summary>
public static class Arith
{
    /// <summary>acc[i] += x[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddInPlace(Span<float> acc, ReadOnlySpan<float> x)
    {
        if (acc.Length != x.Length) throw new ArgumentException("length mismatch");
        TensorPrimitives.Add(acc, x, acc);
    }

    /// <summary>acc[i] += alpha * x[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AxpyInPlace(Span<float> acc, float alpha, ReadOnlySpan<float> x)
    {
        if (acc.Length != x.Length) throw new ArgumentException("length mismatch");
        TensorPrimitives.MultiplyAdd(x, alpha, acc, acc);
    }
}
