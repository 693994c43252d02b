using System.Numerics;

namespace Dendrite.Nn.Functional.Activations;

/// <summary>
/// PyTorch's hardsigmoid: relu6(x + 3)/6, i.e. 0 for x ≤ −3, 1 for x ≥ 3, x/6 + ½ between; f' = 1/6 strictly
/// inside (−3, 3), else 0. NaN in gives NaN out (and slope 0, as PyTorch).
/// </summary>
internal readonly struct HardSigmoidOp : IScalarActivation
{
    public T Forward<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T three = ScalarMath.C<T>(3);
        return x <= -three ? T.Zero : x >= three ? T.One : x / ScalarMath.C<T>(6) + ScalarMath.C<T>(0.5);
    }

    public T Derivative<T>(T x, T y) where T : IFloatingPointIeee754<T>
    {
        T three = ScalarMath.C<T>(3);
        return x > -three && x < three ? T.One / ScalarMath.C<T>(6) : T.Zero;
    }
}
