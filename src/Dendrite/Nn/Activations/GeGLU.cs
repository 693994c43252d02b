using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// GeGLU (Shazeer 2020): splits the last dimension into halves a, b and returns GELU(a) ⊙ b (see <see cref="F.GeGlu"/>).
/// Input [.., 2h] → output [.., h]: the last dimension must be even. The module has no parameters: the
/// projection to width 2h is a separate <see cref="Linear"/> placed before it (Linear(d, 2h) then GeGLU gives h).
/// </summary>
public sealed class GeGLU : Module
{
    public GeGLU(GeluApproximation approximation = GeluApproximation.None) => Approximation = approximation;

    public GeluApproximation Approximation { get; }

    public override Tensor Forward(Tensor input) => F.GeGlu(input, Approximation);

    public override string ToString() => $"GeGLU(approximate='{(Approximation == GeluApproximation.None ? "none" : "tanh")}')";

    /// <exception cref="ShapeMismatchException">the last dimension is odd.</exception>
    public override int[] OutputShape(ReadOnlySpan<int> inputShape) => F.GatedOutputShape(inputShape, "geglu");
}
