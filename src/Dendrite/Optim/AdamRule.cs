using System.Numerics.Tensors;

namespace Dendrite.Optim;

/// <summary>
/// The Adam update (Kingma &amp; Ba) as a pure span rule, with PyTorch's arithmetic: on step t,
/// m ← β₁·m + (1 − β₁)·g; v ← β₂·v + (1 − β₂)·g²; with AMSGrad v̂ ← max(v̂, v) replaces v below;
/// p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε). ε sits outside the square root, as in PyTorch.
/// Weight decay is not part of the rule: Adam feeds it a decayed gradient, AdamW decays the parameter first.
/// </summary>
public static class AdamRule
{
    /// <summary>
    /// One Adam step on <paramref name="param"/>, updating the moments in place (see the type for the formula).
    /// </summary>
    /// <param name="param">Parameter, updated in place.</param>
    /// <param name="grad">Gradient (already including any coupled weight decay).</param>
    /// <param name="expAvg">First moment m, updated in place.</param>
    /// <param name="expAvgSq">Second moment v, updated in place.</param>
    /// <param name="maxExpAvgSq">Running maximum of v for AMSGrad, updated in place; empty to disable AMSGrad.</param>
    /// <param name="step">Step number t ≥ 1, counting this update.</param>
    /// <param name="learningRate">lr.</param>
    /// <param name="beta1">β₁ in [0, 1).</param>
    /// <param name="beta2">β₂ in [0, 1).</param>
    /// <param name="epsilon">ε &gt; 0.</param>
    /// <param name="scratch">Work space of the parameter's length, overwritten.</param>
    public static void Apply(Span<float> param, ReadOnlySpan<float> grad, Span<float> expAvg, Span<float> expAvgSq,
        Span<float> maxExpAvgSq, long step, float learningRate, float beta1, float beta2, float epsilon, Span<float> scratch) =>
        Apply(param, grad, expAvg, expAvgSq, maxExpAvgSq, step, learningRate, beta1, beta2, epsilon, scratch, 1f);

    /// <summary>
    /// As the public overload, with the parameter first multiplied by <paramref name="paramScale"/> (AdamW's
    /// 1 − lr·λ; 1 for none) in the same pass. Without AMSGrad the whole update is one vectorised pass per element
    /// (read p, g, m, v; write p, m, v) doing exactly the float operations of the step-by-step form in the same
    /// order, so the result is bit-identical to it on every instruction set.
    /// </summary>
    internal static void Apply(Span<float> param, ReadOnlySpan<float> grad, Span<float> expAvg, Span<float> expAvgSq,
        Span<float> maxExpAvgSq, long step, float learningRate, float beta1, float beta2, float epsilon, Span<float> scratch,
        float paramScale)
    {
        if (grad.Length != param.Length || expAvg.Length != param.Length || expAvgSq.Length != param.Length)
            throw new ArgumentException("param, grad and moment lengths differ", nameof(grad));
        // Bias corrections in double, as PyTorch computes them as Python floats before touching the tensors.
        double correction1 = 1.0 - Math.Pow(beta1, step);
        double correction2Sqrt = Math.Sqrt(1.0 - Math.Pow(beta2, step));
        float stepSize = (float)(learningRate / correction1);
        if (maxExpAvgSq.IsEmpty)
        {
            AdamKernel.Apply(param, grad, expAvg, expAvgSq, paramScale, beta1, beta2, (float)correction2Sqrt, epsilon, stepSize);
            return;
        }
        if (paramScale != 1f) TensorPrimitives.Multiply(param, paramScale, param);
        MovingAverage.Update(expAvg, grad, beta1);
        MovingAverage.UpdateSquares(expAvgSq, grad, beta2, 1f - beta2, scratch);
        TensorPrimitives.Max(maxExpAvgSq, expAvgSq, maxExpAvgSq);
        Span<float> denominator = scratch;
        TensorPrimitives.Sqrt(maxExpAvgSq, denominator);
        TensorPrimitives.Divide(denominator, (float)correction2Sqrt, denominator);
        TensorPrimitives.Add(denominator, epsilon, denominator);
        Span<float> direction = scratch;
        TensorPrimitives.Divide(expAvg, denominator, direction);
        SgdRule.Apply(param, direction, stepSize);
    }
}
