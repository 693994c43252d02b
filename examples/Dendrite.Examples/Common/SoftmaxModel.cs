using Dendrite.Tensors;

namespace Dendrite.Examples.Common;

/// <summary>The parameters of softmax regression: logits O = XW + b with W [inputs, classes], b [classes].</summary>
public sealed record SoftmaxModel(Tensor W, Tensor B)
{
    /// <summary>O = XW + b for a batch <paramref name="x"/> [n, inputs].</summary>
    public Tensor Logits(Tensor x) => x.MatMul(W) + B;
}
