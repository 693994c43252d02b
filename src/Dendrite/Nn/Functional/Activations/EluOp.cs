using System.Numerics;

namespace Dendrite.Nn.Functional.Activations;

/// <summary>
/// PyTorch's general ELU family: f(x) = s·x for x &gt; 0, s·α·(e^(k·x) − 1) otherwise, with
/// f'(x) = s or s·α·k·e^(k·x). ELU is (α, 1, 1), SELU is (α*, s*, 1), CELU is (α, 1, 1/α).
/// The derivative is taken from x, not as k·(y + s·α): that shortcut cancels for x ≪ 0 and loses the relative
/// accuracy of a tiny gradient, while one more exp costs little.
/// </summary>
internal readonly struct EluOp(float alpha, float scale, float inputScale) : IScalarActivation
{
    public T Forward<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T s = T.CreateTruncating(scale);
        return x > T.Zero ? s * x : s * T.CreateTruncating(alpha) * ScalarMath.ExpM1(x * T.CreateTruncating(inputScale));
    }

    public T Derivative<T>(T x, T y) where T : IFloatingPointIeee754<T>
    {
        T s = T.CreateTruncating(scale), k = T.CreateTruncating(inputScale);
        return x > T.Zero ? s : s * T.CreateTruncating(alpha) * k * T.Exp(x * k);
    }
}
