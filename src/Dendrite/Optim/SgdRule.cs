using System.Numerics.Tensors;

namespace Dendrite.Optim;

/// <summary>The SGD update as a pure span rule: param ← param − lr·grad. Stateless.</summary>
public static class SgdRule
{
    public static void Apply(Span<float> param, ReadOnlySpan<float> grad, float learningRate)
    {
        if (grad.Length != param.Length) throw new ArgumentException("grad and param lengths differ", nameof(grad));
        // grad·(−lr) + param: the negation is exact, so this equals param − lr·grad in float32 bit for bit.
        TensorPrimitives.MultiplyAdd(grad, -learningRate, param, param);
    }
}
