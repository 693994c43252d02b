using Dendrite.Tensors;

namespace Dendrite.Nn.Functional;

public static partial class F
{
    /// <summary>
    /// Cross-entropy of logits [batch, classes] against integer labels, fused and log-sum-exp stable:
    /// ℓᵢ = logsumexp(zᵢ) − z_{i,yᵢ}. Backward: (softmax(z) − onehot(y)) scaled by the reduction.
    /// </summary>
    public static Tensor CrossEntropy(Tensor logits, int[] labels, Reduction reduction = Reduction.Mean)
        => throw new NotImplementedException();

    /// <summary>Mean squared error (pred − target)², reduced.</summary>
    public static Tensor MseLoss(Tensor prediction, Tensor target, Reduction reduction = Reduction.Mean)
        => throw new NotImplementedException();
}
