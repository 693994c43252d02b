using Dendrite.Autograd;
using Dendrite.Data.Tabular;
using Dendrite.Nn;
using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Training.Tabular;

/// <summary>Scores and runs a tabular model: eval mode, no gradients, rows in order.</summary>
public static class TabularEvaluator
{
    private const int BatchSize = 1024;

    /// <summary>
    /// Metrics of <paramref name="model"/> on <paramref name="data"/>. Regression: RMSE, MAE, R² and log-RMSE of the
    /// predictions mapped back to target units (<see cref="TabularPreprocessor.TargetsFromModel"/>) against
    /// <see cref="TabularDataset.RawTargets"/>; log-RMSE is NaN when a target is not positive. Classification:
    /// accuracy. Loss is the training loss in model space.
    /// </summary>
    public static TabularMetrics Evaluate(Module model, TabularDataset data, TabularPreprocessor preprocessor, LossKind loss = LossKind.Mse)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(preprocessor);
        float[] outputs = Outputs(model, data);
        int n = data.Count;
        if (preprocessor.Target is { Task: TaskKind.Classification })
        {
            int classes = outputs.Length / n;
            var logits = new Tensor(outputs, n, classes);
            int[] labels = data.Labels ?? throw new ArgumentException("classification data needs labels", nameof(data));
            double ce = F.CrossEntropy(logits, labels).Item();
            return new TabularMetrics(TaskKind.Classification, n, ce, double.NaN, double.NaN, double.NaN, double.NaN, Metrics.Accuracy(logits, labels));
        }
        float[] raw = data.RawTargets ?? throw new ArgumentException("regression data needs raw targets", nameof(data));
        float[] modelTargets = data.Targets ?? throw new ArgumentException("regression data needs model-space targets", nameof(data));
        double modelLoss;
        using (AutogradContext.NoGrad())
            modelLoss = TabularTrainer.RegressionLoss(new Tensor(outputs, n, 1), new Tensor(modelTargets, n, 1), loss).Item();
        var predictions = new float[n];
        preprocessor.TargetsFromModel(outputs, predictions);
        bool positive = Array.TrueForAll(raw, y => y > 0);
        return new TabularMetrics(TaskKind.Regression, n, modelLoss,
            RegressionMetrics.Rmse(predictions, raw),
            RegressionMetrics.Mae(predictions, raw),
            RegressionMetrics.RSquared(predictions, raw),
            positive ? RegressionMetrics.LogRmse(predictions, raw) : double.NaN,
            double.NaN);
    }

    /// <summary>Regression predictions in target units, one per row of <paramref name="data"/>.</summary>
    public static float[] PredictValues(Module model, TabularDataset data, TabularPreprocessor preprocessor)
    {
        ArgumentNullException.ThrowIfNull(preprocessor);
        float[] outputs = Outputs(model, data);
        if (outputs.Length != data.Count) throw new ArgumentException("the model has more than one output; it is not a regression model", nameof(model));
        var predictions = new float[outputs.Length];
        preprocessor.TargetsFromModel(outputs, predictions);
        return predictions;
    }

    /// <summary>
    /// Raw model outputs [Count, outputs] row-major for every row of <paramref name="data"/>, in eval mode without
    /// gradients; the model's previous mode is restored.
    /// </summary>
    public static float[] Outputs(Module model, TabularDataset data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        bool wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            using var _ = AutogradContext.NoGrad();
            int d = data.FeatureCount;
            float[]? result = null;
            int width = 0;
            for (int start = 0; start < data.Count; start += BatchSize)
            {
                int n = Math.Min(BatchSize, data.Count - start);
                var x = new Tensor(data.Features.AsSpan(start * d, n * d).ToArray(), n, d);
                Tensor y = model.Forward(x);
                width = y.Dim(1);
                result ??= new float[data.Count * width];
                y.Data.AsSpan(0, n * width).CopyTo(result.AsSpan(start * width));
            }
            return result ?? [];
        }
        finally
        {
            model.Train(wasTraining);
        }
    }
}
