using System.Numerics.Tensors;

namespace Dendrite.Optim;

/// <summary>
/// The Adagrad update as a pure span rule (PyTorch's arithmetic): on step t, clr = lr / (1 + (t − 1)·d);
/// s ← s + g²; p ← p − clr · g / (√s + ε).
/// </summary>
public static class AdagradRule
{
    /// <summary>One Adagrad step on <paramref name="param"/>, adding g² to <paramref name="sum"/> in place.</summary>
    /// <param name="param">Parameter, updated in place.</param>
    /// <param name="grad">Gradient (already including any weight decay).</param>
    /// <param name="sum">Sum of squared gradients s, updated in place.</param>
    /// <param name="step">Step number t ≥ 1, counting this update.</param>
    /// <param name="learningRate">lr.</param>
    /// <param name="learningRateDecay">d ≥ 0.</param>
    /// <param name="epsilon">ε &gt; 0.</param>
    /// <param name="scratch">Work space of the parameter's length, overwritten.</param>
    public static void Apply(Span<float> param, ReadOnlySpan<float> grad, Span<float> sum, long step, float learningRate,
        float learningRateDecay, float epsilon, Span<float> scratch)
    {
        double decayedRate = learningRate / (1.0 + (step - 1) * (double)learningRateDecay);
        MovingAverage.UpdateSquares(sum, grad, decay: 1f, weight: 1f, scratch);
        Span<float> direction = scratch;
        TensorPrimitives.Sqrt(sum, direction);
        TensorPrimitives.Add(direction, epsilon, direction);
        TensorPrimitives.Divide(grad, direction, direction);
        SgdRule.Apply(param, direction, (float)decayedRate);
    }
}
