using System.Numerics.Tensors;
using Dendrite.Autograd;
using Dendrite.Tensors;
using Tensor = Dendrite.Tensors.Tensor;

namespace Dendrite.Nn.Functional;

public static partial class F
{
    /// <summary>
    /// Cross-entropy of logits [batch, classes] against integer labels (one per row, in [0, classes)), fused and
    /// log-sum-exp stable: ℓᵢ = logsumexp(zᵢ) − z_{i,yᵢ} with logsumexp(z) = m + ln Σⱼ e^(zⱼ−m), m = maxⱼ zⱼ, so
    /// e^(zⱼ−m) ≤ 1 never overflows (logits &gt; 88) and the sum is ≥ 1 so the log never sees 0 (logits &lt; −88).
    /// Returns a 0-d tensor for Mean/Sum, [batch] for None.
    /// Backward, one pass per row from the saved row max and log-sum: (softmax(zᵢ) − onehot(yᵢ)) · sᵢ, where sᵢ is the output
    /// gradient (None), that gradient (Sum), or that gradient / batch (Mean).
    /// </summary>
    /// <para>Optional <paramref name="weight"/> [classes] and <paramref name="labelSmoothing"/> ε follow PyTorch (see
    /// <see cref="CrossEntropyWeighted"/>); without them the fast path above runs.</para>
    /// <exception cref="ShapeMismatchException">logits are not 2-D, the label count differs from the batch, or the
    /// weight is not [classes].</exception>
    /// <exception cref="ArgumentOutOfRangeException">a label is outside [0, classes) or ε is outside [0, 1].</exception>
    public static Tensor CrossEntropy(Tensor logits, int[] labels, Reduction reduction = Reduction.Mean,
        Tensor? weight = null, float labelSmoothing = 0f)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        if (logits.Rank != 2)
            throw new ShapeMismatchException($"cross-entropy needs logits [batch, classes], got {logits.ShapeString}");
        int batch = logits.Dim(0), classes = logits.Dim(1);
        if (labels.Length != batch)
            throw new ShapeMismatchException($"cross-entropy got {labels.Length} labels for logits {logits.ShapeString} (expected {batch})");
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(labels),
                    $"label {labels[i]} at index {i} is outside [0, {classes}) for logits {logits.ShapeString}");
        }

        if (weight is not null || labelSmoothing != 0f)
            return CrossEntropyWeighted(logits, labels, reduction, weight, labelSmoothing);

        float[] z = logits.Data;
        var max = new float[batch];
        var logSum = new float[batch];
        var losses = new float[batch];
        var tmp = new float[classes];
        for (int i = 0; i < batch; i++)
        {
            ReadOnlySpan<float> row = z.AsSpan(i * classes, classes);
            float m = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, m, tmp);
            TensorPrimitives.Exp(tmp, tmp);
            // Kept apart as (m, ln Σ) rather than m + ln Σ: with |m| large, rounding the sum to float would lose
            // ln Σ's low bits (an ulp is 6e-5 at 1000), while (m − z) + ln Σ and (z − m) − ln Σ stay accurate.
            max[i] = m;
            logSum[i] = MathF.Log(TensorPrimitives.Sum<float>(tmp));
            losses[i] = (m - row[labels[i]]) + logSum[i];
        }

        Tensor result = reduction switch
        {
            Reduction.None => new Tensor(losses, batch),
            Reduction.Sum => Tensor.Scalar(SumDouble(losses)),
            _ => Tensor.Scalar(SumDouble(losses) / batch),
        };
        if (AutogradContext.ShouldRecord(logits))
        {
            int[] y = (int[])labels.Clone(); // the caller may reuse its label buffer before Backward
            result.AttachGradFn("cross_entropy", [logits], g =>
            {
                var gz = Tensor.Zeros(batch, classes);
                for (int i = 0; i < batch; i++)
                {
                    float s = reduction switch { Reduction.None => g.Data[i], Reduction.Sum => g.Data[0], _ => g.Data[0] / batch };
                    Span<float> dst = gz.Data.AsSpan(i * classes, classes);
                    TensorPrimitives.Subtract(z.AsSpan(i * classes, classes), max[i], dst);
                    TensorPrimitives.Subtract(dst, logSum[i], dst);
                    TensorPrimitives.Exp(dst, dst);          // softmax row
                    TensorPrimitives.Multiply(dst, s, dst);
                    dst[y[i]] -= s;                          // − onehot
                }
                return [gz];
            });
        }
        return result;
    }

    /// <summary>
    /// Squared error (p − t)² per element, reduced by mean (over all elements), sum, or none (shape of
    /// <paramref name="prediction"/>). Shapes must match, up to size-1 dimensions ([n, 1] against [n] is accepted
    /// and compared element by element) — a real broadcast such as [n, 1] − [n] → [n, n] is almost always a bug,
    /// so it is rejected. Backward: dp = 2(p − t)·s, dt = −dp, s = output gradient (÷ element count for Mean).
    /// </summary>
    /// <exception cref="ShapeMismatchException">the shapes differ by more than size-1 dimensions.</exception>
    public static Tensor MseLoss(Tensor prediction, Tensor target, Reduction reduction = Reduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (!SameIgnoringOnes(prediction.Shape, target.Shape))
            throw new ShapeMismatchException(
                $"mse_loss needs prediction and target of the same shape, got {prediction.ShapeString} and {target.ShapeString}");

        int n = prediction.Size;
        float[] p = prediction.Data, t = target.Data;
        var diff = new float[n];
        TensorPrimitives.Subtract(p, t, diff);
        Tensor result;
        if (reduction == Reduction.None)
        {
            var sq = new float[n];
            TensorPrimitives.Multiply(diff, diff, sq);
            result = new Tensor(sq, prediction.ShapeArray);
        }
        else
        {
            double sum = 0;
            foreach (float d in diff) sum += (double)d * d;
            result = Tensor.Scalar((float)(reduction == Reduction.Sum ? sum : sum / n));
        }

        if (AutogradContext.ShouldRecord(prediction, target))
        {
            int[] ps = prediction.ShapeArray, ts = target.ShapeArray;
            result.AttachGradFn("mse_loss", [prediction, target], g =>
            {
                var gp = new float[n];
                if (reduction == Reduction.None) TensorPrimitives.Multiply(diff, g.Data, gp);
                else TensorPrimitives.Multiply(diff, reduction == Reduction.Sum ? g.Data[0] : g.Data[0] / n, gp);
                TensorPrimitives.Multiply(gp, 2f, gp);
                Tensor? gt = null;
                if (target.RequiresGrad)
                {
                    var neg = new float[n];
                    TensorPrimitives.Negate(gp, neg);
                    gt = new Tensor(neg, ts);
                }
                return [prediction.RequiresGrad ? new Tensor(gp, ps) : null, gt];
            });
        }
        return result;
    }

    /// <summary>Sum in double so a large batch's mean loss does not drift with float rounding.</summary>
    private static float SumDouble(float[] values)
    {
        double s = 0;
        foreach (float v in values) s += v;
        return (float)s;
    }

    private static bool SameIgnoringOnes(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int i = 0, j = 0;
        while (true)
        {
            while (i < a.Length && a[i] == 1) i++;
            while (j < b.Length && b[j] == 1) j++;
            if (i == a.Length || j == b.Length) return i == a.Length && j == b.Length;
            if (a[i++] != b[j++]) return false;
        }
    }
}
