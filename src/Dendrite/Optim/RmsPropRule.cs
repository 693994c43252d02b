using System.Numerics.Tensors;

namespace Dendrite.Optim;

/// <summary>
/// The RMSprop update as a pure span rule, with PyTorch's arithmetic: v ← α·v + (1 − α)·g²; centered:
/// ḡ ← α·ḡ + (1 − α)·g and s = √(v − ḡ²) + ε, else s = √v + ε; x = g / s; with momentum buf ← μ·buf + x and
/// p ← p − lr·buf, else p ← p − lr·x.
/// </summary>
public static class RmsPropRule
{
    /// <summary>
    /// One RMSprop step on <paramref name="param"/>, updating the averages and momentum buffer in place.
    /// </summary>
    /// <param name="param">Parameter, updated in place.</param>
    /// <param name="grad">Gradient (already including any weight decay).</param>
    /// <param name="squareAverage">v, updated in place.</param>
    /// <param name="gradAverage">ḡ for the centered variant, updated in place; empty otherwise.</param>
    /// <param name="momentumBuffer">Momentum buffer, updated in place; empty when μ = 0.</param>
    /// <param name="firstStep">Whether this is the parameter's first update.</param>
    /// <param name="learningRate">lr.</param>
    /// <param name="alpha">α in [0, 1).</param>
    /// <param name="epsilon">ε &gt; 0.</param>
    /// <param name="momentum">μ in [0, 1).</param>
    /// <param name="scratch">Work space of the parameter's length, overwritten.</param>
    public static void Apply(Span<float> param, ReadOnlySpan<float> grad, Span<float> squareAverage, Span<float> gradAverage,
        Span<float> momentumBuffer, bool firstStep, float learningRate, float alpha, float epsilon, float momentum, Span<float> scratch)
    {
        MovingAverage.UpdateSquares(squareAverage, grad, alpha, 1f - alpha, scratch);
        Span<float> scale = scratch;
        if (gradAverage.IsEmpty)
        {
            TensorPrimitives.Sqrt(squareAverage, scale);
        }
        else
        {
            MovingAverage.Update(gradAverage, grad, alpha);
            // v − ḡ² is a variance estimate; float rounding can make it slightly negative only if ε is tiny.
            TensorPrimitives.Multiply(gradAverage, gradAverage, scale);
            TensorPrimitives.Subtract(squareAverage, scale, scale);
            TensorPrimitives.Sqrt(scale, scale);
        }
        TensorPrimitives.Add(scale, epsilon, scale);
        Span<float> direction = scratch;
        TensorPrimitives.Divide(grad, scale, direction);
        if (momentumBuffer.IsEmpty)
        {
            SgdRule.Apply(param, direction, learningRate);
            return;
        }
        // PyTorch starts the buffer at zero, so μ·0 + x = x: the same as the first-step copy of SGD momentum.
        Momentum.Accumulate(momentumBuffer, direction, momentum, dampening: 0f, firstStep);
        SgdRule.Apply(param, momentumBuffer, learningRate);
    }
}
