namespace Dendrite.Nn.Functional.Pointwise;

/// <summary>
/// An elementwise loss ℓ(p, t) with its two partial derivatives, evaluated in one call so the forward pass can
/// save them for backward. Implemented by readonly structs so the generic loop in F inlines the call.
/// </summary>
internal interface IPointwiseLoss
{
    /// <summary>ℓ for element <paramref name="i"/> (the index picks per-element weights); ∂ℓ/∂p and ∂ℓ/∂t out.</summary>
    float Eval(float p, float t, int i, out float dp, out float dt);
}
