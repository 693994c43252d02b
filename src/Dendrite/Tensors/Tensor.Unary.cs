namespace Dendrite.Tensors;

/// <summary>Elementwise math (exp, log, pow) with backward beside forward.</summary>
public partial class Tensor
{
    /// <summary>eˣ elementwise. d/dx = eˣ (taken from the output).</summary>
    public Tensor Exp() => throw new NotImplementedException();

    /// <summary>ln x elementwise. d/dx = 1/x.</summary>
    public Tensor Log() => throw new NotImplementedException();

    /// <summary>xᵖ elementwise. d/dx = p·xᵖ⁻¹.</summary>
    public Tensor Pow(float exponent) => throw new NotImplementedException();
}
