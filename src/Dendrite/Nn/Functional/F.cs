using Dendrite.Tensors;

namespace Dendrite.Nn.Functional;

/// <summary>Stateless neural-network functions that modules are thin wrappers around.</summary>
public static partial class F
{
    /// <summary>
    /// y = x · Wᵀ + b with x [batch, in], W [out, in] (PyTorch's layout), b [out] or null.
    /// </summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias) => throw new NotImplementedException();

    public static Tensor Relu(Tensor x) => x.Relu();

    public static Tensor Sigmoid(Tensor x) => x.Sigmoid();

    public static Tensor Tanh(Tensor x) => x.Tanh();
}
