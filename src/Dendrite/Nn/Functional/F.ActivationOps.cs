using Dendrite.Autograd;
using Dendrite.Nn.Functional.Activations;
using Dendrite.Tensors;

namespace Dendrite.Nn.Functional;

/// <summary>
/// The two generic loops every activation in <c>F.Activations.cs</c> runs through: an elementwise map and a gated
/// (split-in-halves) product. Each is specialized by the JIT per operator struct, so the formula inlines into the
/// loop; backward sits beside forward and reads the saved input and output arrays (no copies are taken: ops
/// never write into their inputs).
/// </summary>
public static partial class F
{
    /// <summary>y = f(x) elementwise, any shape; backward dx = dy ⊙ f'(x).</summary>
    internal static Tensor Elementwise<TOp>(Tensor x, TOp op, string name) where TOp : struct, IScalarActivation
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = Tensor.Zeros(x.ShapeArray);
        float[] xd = x.Data, yd = y.Data;
        for (int i = 0; i < xd.Length; i++) yd[i] = op.Forward(xd[i]);
        if (AutogradContext.ShouldRecord(x))
        {
            y.AttachGradFn(name, [x], g =>
            {
                var gx = Tensor.Zeros(g.ShapeArray);
                float[] gd = g.Data, gxd = gx.Data;
                for (int i = 0; i < gxd.Length; i++) gxd[i] = gd[i] * op.Derivative(xd[i], yd[i]);
                return [gx];
            });
        }
        return y;
    }

    /// <summary>
    /// Splits the last dimension (width 2h) into halves a = x[…, :h] and b = x[…, h:] and returns [.., h]:
    /// f(a) ⊙ b when <paramref name="activateFirst"/>, else a ⊙ f(b).
    /// Backward, with u the activated half and v the other: du = dy ⊙ v ⊙ f'(u), dv = dy ⊙ f(u).
    /// </summary>
    /// <exception cref="ShapeMismatchException">rank 0 or an odd last dimension.</exception>
    internal static Tensor Gated<TOp>(Tensor x, TOp op, bool activateFirst, string name) where TOp : struct, IScalarActivation
    {
        ArgumentNullException.ThrowIfNull(x);
        int[] outShape = GatedOutputShape(x.Shape, name);
        int h = outShape[^1], rows = h == 0 ? 0 : x.Size / (2 * h);
        int uOff = activateFirst ? 0 : h, vOff = h - uOff;
        var y = Tensor.Zeros(outShape);
        float[] xd = x.Data, yd = y.Data;
        for (int r = 0; r < rows; r++)
        {
            int inRow = r * 2 * h, outRow = r * h;
            for (int j = 0; j < h; j++) yd[outRow + j] = op.Forward(xd[inRow + uOff + j]) * xd[inRow + vOff + j];
        }
        if (AutogradContext.ShouldRecord(x))
        {
            y.AttachGradFn(name, [x], g =>
            {
                var gx = Tensor.Zeros(x.ShapeArray);
                float[] gd = g.Data, gxd = gx.Data;
                for (int r = 0; r < rows; r++)
                {
                    int inRow = r * 2 * h, outRow = r * h;
                    for (int j = 0; j < h; j++)
                    {
                        float u = xd[inRow + uOff + j], v = xd[inRow + vOff + j], gy = gd[outRow + j];
                        float fu = op.Forward(u);
                        gxd[inRow + uOff + j] = gy * v * op.Derivative(u, fu);
                        gxd[inRow + vOff + j] = gy * fu;
                    }
                }
                return [gx];
            });
        }
        return y;
    }

    /// <summary>The output shape of a gated op: the input shape with the last dimension halved.</summary>
    /// <exception cref="ShapeMismatchException">rank 0 or an odd last dimension.</exception>
    internal static int[] GatedOutputShape(ReadOnlySpan<int> inputShape, string name)
    {
        if (inputShape.Length == 0 || inputShape[^1] % 2 != 0)
            throw new ShapeMismatchException(
                $"{name} splits the last dimension into two equal halves, so it must be even; got input {Tensor.Format(inputShape)}");
        int[] shape = inputShape.ToArray();
        shape[^1] /= 2;
        return shape;
    }
}
