using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// SwiGLU (Shazeer 2020): splits the last dimension into halves a, b and returns SiLU(a) ⊙ b (see <see cref="F.SwiGlu"/>).
/// Input [.., 2h] → output [.., h]: the last dimension must be even. The module has no parameters: the
/// projection to width 2h is a separate <see cref="Linear"/> placed before it (Linear(d, 2h) then SwiGLU gives h).
/// </summary>
public sealed class SwiGLU : Module
{
    public override Tensor Forward(Tensor input) => F.SwiGlu(input);

    public override string ToString() => "SwiGLU()";

    /// <exception cref="ShapeMismatchException">the last dimension is odd.</exception>
    public override int[] OutputShape(ReadOnlySpan<int> inputShape) => F.GatedOutputShape(inputShape, "swiglu");
}
