using System.Diagnostics;
using Dendrite.Data.Tabular;
using Dendrite.Nn;
using Dendrite.Nn.Functional;
using Dendrite.Optim;
using Dendrite.Tensors;

namespace Dendrite.Training.Tabular;

/// <summary>
/// Trains an MLP on a table with mini-batch SGD on the autograd path: regression minimizes the
/// <see cref="LossKind"/> between the single output and the model-space (standardized) target [batch, 1];
/// classification minimizes softmax cross-entropy. After each epoch the test rows are scored on the original target
/// scale (<see cref="TabularEvaluator"/>). Initialization and batch order come from <see cref="RunSeeds"/> of
/// <see cref="TabularSettings.Seed"/>, so a seed reproduces a run bit for bit.
/// </summary>
public static class TabularTrainer
{
    /// <summary>
    /// Fits the preprocessing on <paramref name="split"/>'s training rows only (no statistics leak from the test
    /// rows), then trains and evaluates on its test rows (an empty test part trains without evaluation).
    /// </summary>
    /// <exception cref="CsvFormatException">The frame has no target, or preprocessing fails (constant column, …).</exception>
    public static TabularTrainingOutcome Train(TabularFrame frame, SplitIndices split, TabularSettings settings,
        Action<TabularEpochResult>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(settings);
        if (frame.Target is null) throw new CsvFormatException(frame.FilePath, 0, null, "no target column was named, so there is nothing to train on");
        var preprocessor = TabularPreprocessor.Fit(frame, split.Train, settings.Preprocessing);
        TabularDataset train = preprocessor.Transform(frame, split.Train);
        TabularDataset? test = split.Test.Length == 0 ? null : preprocessor.Transform(frame, split.Test);
        return Train(train, test, preprocessor, settings, onEpoch, cancellationToken);
    }

    /// <summary>
    /// Trains on preprocessed <paramref name="train"/> rows and scores <paramref name="test"/> (may be null) after
    /// every epoch; <paramref name="onEpoch"/> is called synchronously after each.
    /// </summary>
    public static TabularTrainingOutcome Train(TabularDataset train, TabularDataset? test, TabularPreprocessor preprocessor,
        TabularSettings settings, Action<TabularEpochResult>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(preprocessor);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        FittedTarget target = preprocessor.Target ?? throw new ArgumentException("the preprocessor was fitted without a target", nameof(preprocessor));
        CheckData(train, preprocessor, "training");
        if (test is not null) CheckData(test, preprocessor, "test");

        long start = Stopwatch.GetTimestamp();
        var seeds = new RunSeeds(settings.Seed);
        int outputs = target.Task == TaskKind.Regression ? 1 : target.ClassNames!.Length;
        var spec = new MlpSpec(preprocessor.FeatureCount, settings.Hidden, outputs, settings.Activation, settings.Init);
        Sequential model = ModelFactory.BuildMlp(spec, seeds.Init);
        var optimizer = new Sgd(model.Parameters(), new SgdOptions(settings.LearningRate, settings.WeightDecay));
        var batcher = new TabularBatcher(train, settings.BatchSize, seeds.Shuffle);

        var epochs = new List<TabularEpochResult>(settings.Epochs);
        TabularMetrics? last = null;
        for (int epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long epochStart = Stopwatch.GetTimestamp();
            var (loss, accuracy) = TrainEpoch(model, optimizer, batcher, settings.Loss, cancellationToken);
            double seconds = Stopwatch.GetElapsedTime(epochStart).TotalSeconds;
            last = test is null ? null : TabularEvaluator.Evaluate(model, test, preprocessor, settings.Loss);
            var result = new TabularEpochResult(epoch, loss, target.Task == TaskKind.Regression ? double.NaN : accuracy, last, seconds);
            epochs.Add(result);
            onEpoch?.Invoke(result);
        }
        return new TabularTrainingOutcome(model, preprocessor, epochs, last, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    /// <summary>One shuffled pass in training mode; returns the sample-weighted mean loss and the pass's accuracy (classification).</summary>
    private static (double Loss, double Accuracy) TrainEpoch(Module model, IOptimizer optimizer, TabularBatcher batcher, LossKind lossKind, CancellationToken cancellationToken)
    {
        model.Train();
        double lossSum = 0;
        long correct = 0, count = 0;
        foreach (TabularBatch batch in batcher.Epoch())
        {
            cancellationToken.ThrowIfCancellationRequested();
            Tensor output = model.Forward(batch.Features);
            Tensor loss = batch.Labels is not null ? F.CrossEntropy(output, batch.Labels) : RegressionLoss(output, batch.Targets!, lossKind);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
            lossSum += (double)loss.Item() * batch.Count;
            if (batch.Labels is not null) correct += Metrics.CountCorrect(output, batch.Labels);
            count += batch.Count;
        }
        return count == 0 ? (double.NaN, double.NaN) : (lossSum / count, (double)correct / count);
    }

    /// <summary>Huber's δ in model space: one standard deviation of the (standardized) training target.</summary>
    public const float HuberDelta = 1f;

    /// <summary>The regression loss of outputs [n, 1] against model-space targets [n, 1], mean over the batch.</summary>
    internal static Tensor RegressionLoss(Tensor output, Tensor target, LossKind kind) => kind switch
    {
        LossKind.Mse => F.MseLoss(output, target),
        LossKind.Huber => F.HuberLoss(output, target, Reduction.Mean, HuberDelta),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown regression loss"),
    };

    private static void CheckData(TabularDataset data, TabularPreprocessor preprocessor, string role)
    {
        if (data.FeatureCount != preprocessor.FeatureCount)
            throw new ShapeMismatchException($"the {role} data has {data.FeatureCount} features but the preprocessor makes {preprocessor.FeatureCount}");
        bool regression = preprocessor.Target!.Task == TaskKind.Regression;
        if (regression ? data.Targets is null || data.RawTargets is null : data.Labels is null)
            throw new ArgumentException($"the {role} data has no {(regression ? "regression targets" : "class labels")}", nameof(data));
        if (data.Count == 0) throw new ArgumentException($"the {role} data is empty", nameof(data));
    }
}
