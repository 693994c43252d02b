using System.Numerics.Tensors;
using Dendrite.Autograd;
using Dendrite.Tensors;
using Tensor = Dendrite.Tensors.Tensor;

namespace Dendrite.Nn.Functional;

public static partial class F
{
    /// <summary>
    /// Cross-entropy with class weights w [classes] (all 1 when null) and label smoothing ε, PyTorch's semantics.
    /// With log pᵢ = log_softmax(zᵢ) (log-sum-exp stable) and C classes:
    /// ℓᵢ = (1 − ε)·(−w_{yᵢ}·log p_{i,yᵢ}) + (ε/C)·(−Σ_c w_c·log p_{i,c}),
    /// i.e. the target is (1 − ε)·onehot + ε/C·uniform. Mean divides Σℓᵢ by Σᵢ w_{yᵢ} (the batch size when
    /// unweighted), as nll_loss does. Backward: dzᵢⱼ = sᵢ·((1 − ε)·w_{yᵢ}·(pᵢⱼ − δⱼ,yᵢ) + (ε/C)·(W·pᵢⱼ − wⱼ)), W = Σ_c w_c.
    /// No gradient flows into the weights.
    /// </summary>
    private static Tensor CrossEntropyWeighted(Tensor logits, int[] labels, Reduction reduction, Tensor? weight, float labelSmoothing)
    {
        int batch = logits.Dim(0), classes = logits.Dim(1);
        if (!(labelSmoothing >= 0f && labelSmoothing <= 1f))
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "label smoothing must be in [0, 1]");
        float[] w = ClassWeights("cross_entropy", weight, classes);
        double eps = labelSmoothing, epsPerClass = eps / classes;
        double wTotal = 0;
        foreach (float v in w) wTotal += v;

        float[] z = logits.Data;
        var probs = new float[batch * classes];
        var losses = new float[batch];
        double denom = 0, total = 0;
        for (int i = 0; i < batch; i++)
        {
            ReadOnlySpan<float> row = z.AsSpan(i * classes, classes);
            float m = TensorPrimitives.Max(row);
            Span<float> pr = probs.AsSpan(i * classes, classes);
            TensorPrimitives.Subtract(row, m, pr);
            TensorPrimitives.Exp(pr, pr);
            double logSum = Math.Log(TensorPrimitives.Sum<float>(pr));
            double smooth = 0;
            for (int c = 0; c < classes; c++) smooth -= w[c] * ((row[c] - m) - logSum); // −Σ w_c log p_c
            int y = labels[i];
            double nll = -w[y] * ((row[y] - m) - logSum);
            double loss = (1 - eps) * nll + epsPerClass * smooth;
            losses[i] = (float)loss;
            total += loss;
            denom += w[y];
            TensorPrimitives.Subtract(row, (float)(m + logSum), pr);
            TensorPrimitives.Exp(pr, pr); // softmax row, kept for backward
        }

        Tensor result = reduction switch
        {
            Reduction.None => new Tensor(losses, batch),
            Reduction.Sum => Tensor.Scalar((float)total),
            _ => Tensor.Scalar((float)(total / denom)),
        };
        if (AutogradContext.ShouldRecord(logits))
        {
            int[] labelCopy = (int[])labels.Clone();
            result.AttachGradFn("cross_entropy", [logits], g =>
            {
                var gz = Tensor.Zeros(batch, classes);
                for (int i = 0; i < batch; i++)
                {
                    double s = reduction switch { Reduction.None => g.Data[i], Reduction.Sum => g.Data[0], _ => g.Data[0] / denom };
                    int y = labelCopy[i];
                    double pScale = (1 - eps) * w[y] + epsPerClass * wTotal;
                    for (int c = 0; c < classes; c++)
                    {
                        double d = pScale * probs[i * classes + c] - epsPerClass * w[c] - (c == y ? (1 - eps) * w[y] : 0);
                        gz.Data[i * classes + c] = (float)(s * d);
                    }
                }
                return [gz];
            });
        }
        return result;
    }

    /// <summary>
    /// Negative log-likelihood of log-probabilities x [batch, classes] (e.g. from a log-softmax) against integer
    /// labels: ℓᵢ = −w_{yᵢ}·x_{i,yᵢ}, weights w [classes] (all 1 when null). Mean divides by Σᵢ w_{yᵢ} (PyTorch's
    /// weighted mean). Backward: dx_{i,yᵢ} = −w_{yᵢ}·sᵢ, all other entries 0.
    /// </summary>
    /// <exception cref="ShapeMismatchException">x is not 2-D, the label count differs from the batch, or the weight is not [classes].</exception>
    /// <exception cref="ArgumentOutOfRangeException">a label is outside [0, classes).</exception>
    public static Tensor NllLoss(Tensor logProbabilities, int[] labels, Reduction reduction = Reduction.Mean, Tensor? weight = null)
    {
        ArgumentNullException.ThrowIfNull(logProbabilities);
        ArgumentNullException.ThrowIfNull(labels);
        if (logProbabilities.Rank != 2)
            throw new ShapeMismatchException($"nll_loss needs log-probabilities [batch, classes], got {logProbabilities.ShapeString}");
        int batch = logProbabilities.Dim(0), classes = logProbabilities.Dim(1);
        CheckLabels("nll_loss", labels, batch, classes, logProbabilities);
        float[] w = ClassWeights("nll_loss", weight, classes);

        float[] x = logProbabilities.Data;
        var losses = new float[batch];
        double total = 0, denom = 0;
        for (int i = 0; i < batch; i++)
        {
            int y = labels[i];
            losses[i] = -w[y] * x[i * classes + y];
            total += losses[i];
            denom += w[y];
        }
        Tensor result = reduction switch
        {
            Reduction.None => new Tensor(losses, batch),
            Reduction.Sum => Tensor.Scalar((float)total),
            _ => Tensor.Scalar((float)(total / denom)),
        };
        if (AutogradContext.ShouldRecord(logProbabilities))
        {
            int[] labelCopy = (int[])labels.Clone();
            result.AttachGradFn("nll_loss", [logProbabilities], g =>
            {
                var gx = Tensor.Zeros(batch, classes);
                for (int i = 0; i < batch; i++)
                {
                    double s = reduction switch { Reduction.None => g.Data[i], Reduction.Sum => g.Data[0], _ => g.Data[0] / denom };
                    int y = labelCopy[i];
                    gx.Data[i * classes + y] = (float)(-w[y] * s);
                }
                return [gx];
            });
        }
        return result;
    }

    private static void CheckLabels(string op, int[] labels, int batch, int classes, Tensor input)
    {
        if (labels.Length != batch)
            throw new ShapeMismatchException($"{op} got {labels.Length} labels for input {input.ShapeString} (expected {batch})");
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(labels),
                    $"label {labels[i]} at index {i} is outside [0, {classes}) for input {input.ShapeString}");
        }
    }

    /// <summary>The class weights as an array of length <paramref name="classes"/> (ones when null).</summary>
    private static float[] ClassWeights(string op, Tensor? weight, int classes)
    {
        if (weight is null) return Enumerable.Repeat(1f, classes).ToArray();
        if (weight.Rank != 1 || weight.Dim(0) != classes)
            throw new ShapeMismatchException($"{op} weight must be [{classes}], got {weight.ShapeString}");
        return weight.ToArray(); // a copy: the caller may change its tensor before Backward
    }
}
