using Dendrite.Autograd;
using Dendrite.Nn;
using Dendrite.Tensors;

namespace Dendrite.Training.Reports;

/// <summary>Runs a classifier over raw feature rows in eval mode, without gradients.</summary>
public static class Predictions
{
    /// <summary>
    /// Logits [count, classes] for <paramref name="features"/> [count, featureCount], computed in batches of
    /// <paramref name="batchSize"/>. The model's previous mode is restored.
    /// </summary>
    public static float[] Logits(Module model, float[] features, int featureCount, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        if (features.Length % featureCount != 0)
            throw new ShapeMismatchException($"{features.Length} feature values is not a whole number of rows of {featureCount}");
        int count = features.Length / featureCount;
        bool wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            using var _ = AutogradContext.NoGrad();
            float[]? result = null;
            int classes = 0;
            for (int start = 0; start < count; start += batchSize)
            {
                int n = Math.Min(batchSize, count - start);
                var x = new Tensor(features.AsSpan(start * featureCount, n * featureCount).ToArray(), n, featureCount);
                Tensor logits = model.Forward(x);
                if (result is null)
                {
                    classes = logits.Dim(1);
                    result = new float[checked(count * classes)];
                }
                logits.Data.AsSpan(0, n * classes).CopyTo(result.AsSpan(start * classes));
            }
            return result ?? [];
        }
        finally
        {
            model.Train(wasTraining);
        }
    }

    /// <summary>Row-wise softmax of <paramref name="logits"/> [rows, classes], in double for the sums.</summary>
    public static float[] Softmax(ReadOnlySpan<float> logits, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        var p = new float[logits.Length];
        for (int r = 0; r < logits.Length / classes; r++)
        {
            ReadOnlySpan<float> row = logits.Slice(r * classes, classes);
            float max = float.NegativeInfinity;
            foreach (float v in row) max = Math.Max(max, v);
            double sum = 0;
            for (int j = 0; j < classes; j++) sum += Math.Exp(row[j] - max);
            for (int j = 0; j < classes; j++) p[r * classes + j] = (float)(Math.Exp(row[j] - max) / sum);
        }
        return p;
    }

    /// <summary>
    /// The <paramref name="k"/> most probable classes of one row, best first; ties go to the lower class index.
    /// </summary>
    public static (int Class, float Probability)[] TopK(ReadOnlySpan<float> probabilities, int k)
    {
        var order = Enumerable.Range(0, probabilities.Length).ToArray();
        float[] p = probabilities.ToArray();
        // Stable sort on descending probability keeps lower indices first among equals.
        return order.OrderByDescending(i => p[i]).ThenBy(i => i).Take(Math.Min(k, p.Length)).Select(i => (i, p[i])).ToArray();
    }

    /// <summary>Arg-max of each row (lowest index on ties).</summary>
    public static int[] ArgMax(ReadOnlySpan<float> logits, int classes)
    {
        var result = new int[logits.Length / classes];
        for (int r = 0; r < result.Length; r++)
        {
            ReadOnlySpan<float> row = logits.Slice(r * classes, classes);
            int best = 0;
            for (int j = 1; j < classes; j++) if (row[j] > row[best]) best = j;
            result[r] = best;
        }
        return result;
    }
}
