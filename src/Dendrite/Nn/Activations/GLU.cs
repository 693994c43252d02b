using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// GLU (Dauphin et al. 2017): splits the last dimension into halves a, b and returns a ⊙ σ(b) (see <see cref="F.Glu"/>).
/// Input [.., 2h] → output [.., h]: the last dimension must be even. The module has no parameters: the
/// projection to width 2h is a separate <see cref="Linear"/> placed before it (Linear(d, 2h) then GLU gives h).
/// </summary>
public sealed class GLU : Module
{
    public override Tensor Forward(Tensor input) => F.Glu(input);

    public override string ToString() => "GLU()";

    /// <exception cref="ShapeMismatchException">the last dimension is odd.</exception>
    public override int[] OutputShape(ReadOnlySpan<int> inputShape) => F.GatedOutputShape(inputShape, "glu");
}
