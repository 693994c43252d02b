using Dendrite.Tensors;

namespace Dendrite.Training;

/// <summary>Classification metrics computed from logits.</summary>
public static class Metrics
{
    /// <summary>
    /// Number of rows of <paramref name="logits"/> [batch, classes] whose arg-max equals the label. Ties go to the
    /// lowest class index (as argmax does); a row containing NaN counts as wrong, so a diverged model scores 0.
    /// </summary>
    public static int CountCorrect(Tensor logits, ReadOnlySpan<int> labels)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Rank != 2 || logits.Dim(0) != labels.Length)
            throw new ShapeMismatchException($"accuracy needs logits [{labels.Length}, classes], got {logits.ShapeString}");
        int classes = logits.Dim(1);
        ReadOnlySpan<float> data = logits.Data;
        int correct = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            ReadOnlySpan<float> row = data.Slice(i * classes, classes);
            int best = 0;
            bool nan = false;
            for (int j = 0; j < classes; j++)
            {
                if (float.IsNaN(row[j])) { nan = true; break; }
                if (row[j] > row[best]) best = j;
            }
            if (!nan && best == labels[i]) correct++;
        }
        return correct;
    }

    /// <summary>Fraction of rows classified correctly; see <see cref="CountCorrect"/>.</summary>
    public static double Accuracy(Tensor logits, ReadOnlySpan<int> labels) =>
        labels.Length == 0 ? double.NaN : (double)CountCorrect(logits, labels) / labels.Length;
}
