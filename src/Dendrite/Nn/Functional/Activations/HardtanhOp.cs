using System.Numerics;

namespace Dendrite.Nn.Functional.Activations;

/// <summary>
/// clamp(x, min, max); f' = 1 strictly inside (min, max), 0 outside and at the corners (PyTorch's choice).
/// NaN passes through the clamp, and the mask "not (x ≤ min or x ≥ max)" passes the gradient at NaN like
/// PyTorch's hardtanh_backward and our ReLU, so a diverged model stays visibly diverged. ReLU6 is (0, 6).
/// </summary>
internal readonly struct HardtanhOp(float min, float max) : IScalarActivation
{
    public T Forward<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T lo = T.CreateTruncating(min), hi = T.CreateTruncating(max);
        return x < lo ? lo : x > hi ? hi : x;
    }

    public T Derivative<T>(T x, T y) where T : IFloatingPointIeee754<T>
        => x <= T.CreateTruncating(min) || x >= T.CreateTruncating(max) ? T.Zero : T.One;
}
