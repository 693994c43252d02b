using System.Numerics;

namespace Dendrite.Nn.Functional.Activations;

/// <summary>
/// PyTorch's softplus: f = x where β·x &gt; threshold (linear there, as PyTorch), else ln(1 + e^(βx))/β;
/// f' = 1 there, else σ(βx). Below the threshold the overflow-free form max(z,0) + ln(1 + e^−|z|) is used, so a
/// large user threshold cannot make e^(βx) overflow.
/// </summary>
internal readonly struct SoftplusOp(float beta, float threshold) : IScalarActivation
{
    public T Forward<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T b = T.CreateTruncating(beta), z = b * x;
        return z > T.CreateTruncating(threshold) ? x : ScalarMath.Softplus(z) / b;
    }

    public T Derivative<T>(T x, T y) where T : IFloatingPointIeee754<T>
    {
        T z = T.CreateTruncating(beta) * x;
        return z > T.CreateTruncating(threshold) ? T.One : ScalarMath.Sigmoid(z);
    }
}
