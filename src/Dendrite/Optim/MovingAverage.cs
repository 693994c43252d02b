using System.Numerics.Tensors;

namespace Dendrite.Optim;

/// <summary>
/// Running averages of a gradient and of its square, the reusable part behind Adam's moments, RMSprop's and
/// Adadelta's square averages and Adagrad's sum of squares. Each is one or two vectorized passes.
/// </summary>
public static class MovingAverage
{
    /// <summary>Exponential moving average: avg ← β·avg + (1 − β)·x.</summary>
    public static void Update(Span<float> average, ReadOnlySpan<float> x, float decay)
    {
        if (x.Length != average.Length) throw new ArgumentException("average and input lengths differ", nameof(x));
        TensorPrimitives.Multiply(average, decay, average);
        TensorPrimitives.MultiplyAdd(x, 1f - decay, average, average);
    }

    /// <summary>
    /// Weighted average of squares: avg ← β·avg + w·x². β = 1, w = 1 is Adagrad's running sum; β, w = 1 − β is the
    /// exponential average of Adam, RMSprop and Adadelta. <paramref name="scratch"/> (same length) is overwritten.
    /// </summary>
    public static void UpdateSquares(Span<float> average, ReadOnlySpan<float> x, float decay, float weight, Span<float> scratch)
    {
        if (x.Length != average.Length || scratch.Length != average.Length)
            throw new ArgumentException("average, input and scratch lengths differ", nameof(x));
        if (decay != 1f) TensorPrimitives.Multiply(average, decay, average);
        // (w·x)·x + avg, as PyTorch's addcmul computes avg + w·x·x.
        TensorPrimitives.Multiply(x, weight, scratch);
        TensorPrimitives.MultiplyAdd(scratch, x, average, average);
    }
}
