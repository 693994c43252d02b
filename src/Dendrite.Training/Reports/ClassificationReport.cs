using Dendrite.Data;
using Dendrite.Nn;

namespace Dendrite.Training.Reports;

/// <summary>
/// A classifier measured on a labelled set: mean cross-entropy, accuracy, per-class precision/recall/F1 and the
/// confusion matrix <c>Confusion[true, predicted]</c> (counts).
/// </summary>
public sealed record ClassificationReport(double Loss, double Accuracy, int Count, IReadOnlyList<ClassMetrics> Classes, int[,] Confusion)
{
    /// <summary>Evaluates <paramref name="model"/> on every sample of <paramref name="data"/>.</summary>
    public static ClassificationReport Evaluate(Module model, InMemoryDataset data, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(data);
        float[] logits = Predictions.Logits(model, data.Features, data.FeatureCount);
        return FromLogits(logits, data.Labels, classNames);
    }

    /// <summary>The report for logits [N, classes] against <paramref name="labels"/> [N].</summary>
    public static ClassificationReport FromLogits(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        int classes = classNames.Count;
        if (classes == 0 || logits.Length != labels.Length * classes)
            throw new Tensors.ShapeMismatchException($"logits have {logits.Length} values, expected {labels.Length} × {classes}");
        var confusion = new int[classes, classes];
        double lossSum = 0;
        int correct = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            ReadOnlySpan<float> row = logits.Slice(i * classes, classes);
            int label = labels[i];
            if ((uint)label >= (uint)classes)
                throw new DendriteException($"label {label} of sample {i} is out of range for a model with {classes} classes");
            // log-sum-exp with the row maximum subtracted keeps exp from overflowing for logits > 88.
            float max = float.NegativeInfinity;
            int predicted = 0;
            for (int j = 0; j < classes; j++)
            {
                if (row[j] > max) { max = row[j]; predicted = j; }
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) sum += Math.Exp(row[j] - (double)max);
            lossSum += Math.Log(sum) + max - row[label];
            confusion[label, predicted]++;
            if (predicted == label) correct++;
        }
        int n = labels.Length;
        var perClass = new ClassMetrics[classes];
        for (int c = 0; c < classes; c++)
        {
            int tp = confusion[c, c], predictedAs = 0, actual = 0;
            for (int k = 0; k < classes; k++)
            {
                predictedAs += confusion[k, c];
                actual += confusion[c, k];
            }
            double precision = predictedAs == 0 ? 0 : (double)tp / predictedAs;
            double recall = actual == 0 ? 0 : (double)tp / actual;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass[c] = new ClassMetrics(classNames[c], precision, recall, f1, actual);
        }
        return new ClassificationReport(n == 0 ? double.NaN : lossSum / n, n == 0 ? double.NaN : (double)correct / n, n, perClass, confusion);
    }

    /// <summary>Unweighted mean of the per-class F1 scores.</summary>
    public double MacroF1 => Classes.Count == 0 ? double.NaN : Classes.Average(c => c.F1);
}
