using Dendrite.Autograd;
using Dendrite.Nn.Functional.Pointwise;
using Dendrite.Tensors;

namespace Dendrite.Nn.Functional;

public static partial class F
{
    /// <summary>
    /// Shared body of the elementwise losses: evaluates ℓᵢ and its partials once in forward, reduces (Mean over all
    /// elements, Sum, or None with the prediction's shape; sums in double), and records one op whose backward is
    /// dp = ∂ℓ/∂p · s, dt = ∂ℓ/∂t · s with s the output gradient (÷ n for Mean).
    /// </summary>
    private static Tensor PointwiseLoss<TLoss>(string name, Tensor prediction, Tensor target, Reduction reduction, TLoss op)
        where TLoss : struct, IPointwiseLoss
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (!SameIgnoringOnes(prediction.Shape, target.Shape))
            throw new ShapeMismatchException(
                $"{name} needs prediction and target of the same shape, got {prediction.ShapeString} and {target.ShapeString}");

        int n = prediction.Size;
        float[] p = prediction.Data, t = target.Data;
        var loss = new float[n];
        var dp = new float[n];
        var dt = new float[n];
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            loss[i] = op.Eval(p[i], t[i], i, out dp[i], out dt[i]);
            sum += loss[i];
        }
        Tensor result = reduction switch
        {
            Reduction.None => new Tensor(loss, prediction.ShapeArray),
            Reduction.Sum => Tensor.Scalar((float)sum),
            _ => Tensor.Scalar((float)(sum / n)),
        };

        if (AutogradContext.ShouldRecord(prediction, target))
        {
            int[] ps = prediction.ShapeArray, ts = target.ShapeArray;
            result.AttachGradFn(name, [prediction, target], g => [
                prediction.RequiresGrad ? ScaleBy(dp, g, reduction, n, ps) : null,
                target.RequiresGrad ? ScaleBy(dt, g, reduction, n, ts) : null]);
        }
        return result;
    }

    /// <summary>local ⊙ g (None) or local · g (Sum) or local · g / n (Mean), shaped <paramref name="shape"/>.</summary>
    private static Tensor ScaleBy(float[] local, Tensor g, Reduction reduction, int n, int[] shape)
    {
        var r = new float[local.Length];
        if (reduction == Reduction.None) System.Numerics.Tensors.TensorPrimitives.Multiply(local, g.Data, r);
        else System.Numerics.Tensors.TensorPrimitives.Multiply(local, reduction == Reduction.Sum ? g.Data[0] : g.Data[0] / n, r);
        return new Tensor(r, shape);
    }

    /// <summary>
    /// The data of an optional weight that broadcasts against <paramref name="x"/> either element by element
    /// (same size) or one value per last-dimension column (size = last dim, e.g. [C] or [1, C]); indexed i % length.
    /// </summary>
    private static float[]? ElementWeights(string what, Tensor? weight, Tensor x)
    {
        if (weight is null) return null;
        int last = x.Rank == 0 ? 1 : x.Dim(-1);
        bool full = weight.Size == x.Size && SameIgnoringOnes(weight.Shape, x.Shape);
        bool perColumn = weight.Size == last && weight.Rank >= 1 && weight.Dim(-1) == last;
        if (x.Size == 0 || !(full || perColumn))
            throw new ShapeMismatchException($"{what} must have the input's shape {x.ShapeString} or [{last}], got {weight.ShapeString}");
        return weight.Data;
    }
}
