using System.Diagnostics;
using Dendrite.Data;
using Dendrite.Nn;
using Dendrite.Nn.Functional;
using Dendrite.Nn.Fused;
using Dendrite.Optim;
using Dendrite.Random;

namespace Dendrite.Training;

/// <summary>
/// Trains a classifier with mini-batch gradient descent on the autograd path:
/// logits = model(x); loss = mean cross-entropy(logits, y); zero grads; backward; optimizer step.
/// After each epoch it evaluates the test set and reports an <see cref="EpochResult"/>.
/// </summary>
public sealed class Trainer
{
    public Trainer(Module model, IOptimizer optimizer, TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Model = model;
        Optimizer = optimizer;
        Options = options;
        Plan = options.Engine == TrainingEngine.Autograd ? null : FusedMlp.TryCompile(model);
        if (Plan is null && options.Engine == TrainingEngine.Fused)
            throw new ArgumentException($"the fused engine supports Linear layers with ReLU/Sigmoid/Tanh between them; got {model.GetType().Name}", nameof(model));
    }

    /// <summary>The fused plan that runs the steps, or null when the autograd path does.</summary>
    public FusedMlp? Plan { get; }

    public Module Model { get; }

    public IOptimizer Optimizer { get; }

    public TrainerOptions Options { get; }

    /// <summary>
    /// Runs <see cref="TrainerOptions.Epochs"/> epochs over <paramref name="train"/>, shuffled with
    /// <paramref name="shuffleRng"/> (a new permutation each epoch), evaluating <paramref name="test"/> after each.
    /// <paramref name="onEpoch"/> is called synchronously after every epoch (a plain callback rather than
    /// IProgress, whose default implementation posts to the thread pool and can reorder output).
    /// </summary>
    public IReadOnlyList<EpochResult> Fit(InMemoryDataset train, InMemoryDataset test, Rng shuffleRng,
        Action<EpochResult>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(shuffleRng);
        var loader = new DataLoader(train, Options.BatchSize, shuffle: true, rng: shuffleRng);
        var results = new List<EpochResult>(Options.Epochs);
        for (int epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long start = Stopwatch.GetTimestamp();
            var (loss, accuracy) = TrainEpoch(loader, cancellationToken);
                        // Seconds cover the training pass only (as the PyTorch reference measures it); evaluation is extra.
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var evaluation = Plan is null ? Evaluator.Evaluate(Model, test, Options.EvalBatchSize) : Evaluator.Evaluate(Plan, test, Options.EvalBatchSize);
            var result = new EpochResult(epoch, loss, accuracy, evaluation.Accuracy, seconds);
            results.Add(result);
            onEpoch?.Invoke(result);
        }
        return results;
    }

    /// <summary>
    /// One pass over <paramref name="loader"/> in training mode. Returns the sample-weighted mean loss and the
    /// accuracy of the predictions made during the pass (each batch scored before its own update).
    /// </summary>
    public (double Loss, double Accuracy) TrainEpoch(IEnumerable<Batch> loader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loader);
        Model.Train();
        double lossSum = 0;
        long correct = 0, count = 0;
        if (Plan is not null) return TrainEpochFused(Plan, loader, cancellationToken);
        foreach (Batch batch in loader)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var logits = Model.Forward(batch.Features);
            var loss = F.CrossEntropy(logits, batch.Labels);
            Optimizer.ZeroGrad();
            loss.Backward();
            Optimizer.Step();
            // Read before the next batch: the loader reuses its buffers.
            lossSum += (double)loss.Item() * batch.Count;
            correct += Metrics.CountCorrect(logits, batch.Labels);
            count += batch.Count;
        }
        return count == 0 ? (double.NaN, double.NaN) : (lossSum / count, (double)correct / count);
    }

    private (double Loss, double Accuracy) TrainEpochFused(FusedMlp plan, IEnumerable<Batch> loader, CancellationToken cancellationToken)
    {
        double lossSum = 0;
        long correct = 0, count = 0;
        foreach (Batch batch in loader)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The step overwrites every Grad, so no ZeroGrad: that would drop the reused buffers.
            FusedStepResult r = plan.TrainStep(batch.Features.Data, batch.Labels, batch.Count);
            Optimizer.Step();
            lossSum += r.LossSum;
            correct += r.Correct;
            count += batch.Count;
        }
        return count == 0 ? (double.NaN, double.NaN) : (lossSum / count, (double)correct / count);
    }
}
