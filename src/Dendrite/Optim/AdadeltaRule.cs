using System.Numerics.Tensors;

namespace Dendrite.Optim;

/// <summary>
/// The Adadelta update (Zeiler) as a pure span rule, with PyTorch's arithmetic: v ← ρ·v + (1 − ρ)·g²;
/// Δ = √(u + ε) / √(v + ε) · g; u ← ρ·u + (1 − ρ)·Δ²; p ← p − lr·Δ.
/// </summary>
public static class AdadeltaRule
{
    /// <summary>One Adadelta step on <paramref name="param"/>, updating both running averages in place.</summary>
    /// <param name="param">Parameter, updated in place.</param>
    /// <param name="grad">Gradient (already including any weight decay).</param>
    /// <param name="squareAverage">v, updated in place.</param>
    /// <param name="accumulatedDelta">u, updated in place.</param>
    /// <param name="learningRate">lr.</param>
    /// <param name="rho">ρ in [0, 1).</param>
    /// <param name="epsilon">ε &gt; 0.</param>
    /// <param name="scratch">Work space of the parameter's length, overwritten.</param>
    /// <param name="delta">Second work space of the parameter's length, overwritten.</param>
    public static void Apply(Span<float> param, ReadOnlySpan<float> grad, Span<float> squareAverage, Span<float> accumulatedDelta,
        float learningRate, float rho, float epsilon, Span<float> scratch, Span<float> delta)
    {
        MovingAverage.UpdateSquares(squareAverage, grad, rho, 1f - rho, scratch);
        Span<float> std = scratch;
        TensorPrimitives.Add(squareAverage, epsilon, std);
        TensorPrimitives.Sqrt(std, std);
        TensorPrimitives.Add(accumulatedDelta, epsilon, delta);
        TensorPrimitives.Sqrt(delta, delta);
        TensorPrimitives.Divide(delta, std, delta);
        TensorPrimitives.Multiply(delta, grad, delta);
        MovingAverage.UpdateSquares(accumulatedDelta, delta, rho, 1f - rho, scratch);
        SgdRule.Apply(param, delta, learningRate);
    }
}
