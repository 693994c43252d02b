using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// Base of the gated layers (GLU, SwiGLU, GeGLU): input [.., 2h] is split along the last dimension into halves
/// a = x[…, :h] and b = x[…, h:], output is [.., h]. They have no parameters: the projection to width 2h is a
/// separate <see cref="Linear"/> placed before the layer (Linear(d, 2h) then the gate gives h features).
/// </summary>
public abstract class GatedActivation : Module
{
    private readonly string _opName;

    private protected GatedActivation(string opName) => _opName = opName;

    /// <summary>[.., 2h] → [.., h]: the input shape with its last dimension halved.</summary>
    /// <exception cref="ShapeMismatchException">the last dimension is odd (or the input is a scalar).</exception>
    public override int[] OutputShape(ReadOnlySpan<int> inputShape) => F.GatedOutputShape(inputShape, _opName);
}
