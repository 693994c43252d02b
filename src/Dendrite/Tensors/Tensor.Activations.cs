namespace Dendrite.Tensors;

/// <summary>Activation functions as tensor ops.</summary>
public partial class Tensor
{
    /// <summary>max(x, 0). d/dx = 1 where x &gt; 0 else 0 (from the input). NaN stays NaN.</summary>
    public Tensor Relu() => throw new NotImplementedException();

    /// <summary>1/(1+e⁻ˣ). d/dx = y(1−y) (from the output).</summary>
    public Tensor Sigmoid() => throw new NotImplementedException();

    /// <summary>tanh x. d/dx = 1−y² (from the output).</summary>
    public Tensor Tanh() => throw new NotImplementedException();
}
