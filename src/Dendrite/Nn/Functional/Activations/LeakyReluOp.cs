using System.Numerics;

namespace Dendrite.Nn.Functional.Activations;

/// <summary>x for x &gt; 0, s·x otherwise; f' = 1 or s (PyTorch's choice at 0: s). NaN propagates.</summary>
internal readonly struct LeakyReluOp(float negativeSlope) : IScalarActivation
{
    public T Forward<T>(T x) where T : IFloatingPointIeee754<T>
        => x > T.Zero ? x : T.CreateTruncating(negativeSlope) * x;

    public T Derivative<T>(T x, T y) where T : IFloatingPointIeee754<T>
        => x > T.Zero ? T.One : T.CreateTruncating(negativeSlope);
}
