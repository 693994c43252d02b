using System.Numerics.Tensors;

namespace Dendrite.Optim;

/// <summary>The SGD update as a pure span rule: param ← param − lr·grad. Stateless.</summary>
public static class SgdRule
{
    /// <summary>
    /// p ← p − lr·g elementwise, in place; bit-identical to the float32 expression param − lr·grad.
    /// </summary>
    /// <param name="param">Parameter values, updated in place.</param>
    /// <param name="grad">
    /// The direction g (a gradient or a momentum buffer), as long as <paramref name="param"/>.
    /// </param>
    /// <param name="learningRate">lr; 0 leaves the parameter unchanged.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Apply(Span<float> param, ReadOnlySpan<float> grad, float learningRate)
    {
        if (grad.Length != param.Length) throw new ArgumentException("grad and param lengths differ", nameof(grad));
        // grad·(−lr) + param: the negation is exact, so this equals param − lr·grad in float32 bit for bit.
        TensorPrimitives.MultiplyAdd(grad, -learningRate, param, param);
    }
}
