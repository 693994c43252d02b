using System.Numerics;

namespace Dendrite.Nn.Functional.Activations;

/// <summary>
/// max(x, 0); f' = 1 for x &gt; 0, else 0. NaN in gives NaN out, like <see cref="Tensors.Tensor.Relu"/>
/// (the tensor op itself is vectorized; this struct serves the plotting pair and generic callers).
/// </summary>
internal readonly struct ReluOp : IScalarActivation
{
    public T Forward<T>(T x) where T : IFloatingPointIeee754<T> => x > T.Zero || T.IsNaN(x) ? x : T.Zero;

    public T Derivative<T>(T x, T y) where T : IFloatingPointIeee754<T> => x <= T.Zero ? T.Zero : T.One;
}
