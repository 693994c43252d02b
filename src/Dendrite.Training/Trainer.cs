using System.Diagnostics;
using Dendrite.Data;
using Dendrite.Nn;
using Dendrite.Nn.Functional;
using Dendrite.Nn.Fused;
using Dendrite.Optim;
using Dendrite.Random;
using Dendrite.Training.Policy;

namespace Dendrite.Training;

/// <summary>
/// Trains a classifier with mini-batch gradient descent on the autograd path:
/// logits = model(x); loss = mean cross-entropy(logits, y); zero grads; backward; optimizer step.
/// After each epoch it evaluates the test set and reports an <see cref="EpochResult"/>.
/// </summary>
public sealed partial class Trainer
{
    public Trainer(Module model, IOptimizer optimizer, TrainerOptions options, TrainingPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Model = model;
        Optimizer = optimizer;
        Options = options;
        Policy = policy ?? TrainingPolicy.None;
        Policy.Validate();
        if (Policy.NeedsAutograd && options.Engine == TrainingEngine.Fused)
            throw new DendriteException("label smoothing runs on the autograd engine only; use --engine auto or autograd");
        _parameters = [.. model.Parameters()];
        Plan = options.Engine == TrainingEngine.Autograd || Policy.NeedsAutograd ? null : FusedMlp.TryCompile(model);
        if (Plan is null && options.Engine == TrainingEngine.Fused)
            throw new ArgumentException($"the fused engine supports Linear layers, each optionally followed by BatchNorm1d, an activation with a fused form and Dropout; got {model.GetType().Name}", nameof(model));
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
        Action<EpochResult>? onEpoch = null, CancellationToken cancellationToken = default) =>
        Fit(train, null, test, shuffleRng, onEpoch, cancellationToken);

    /// <summary>
    /// As the other overload, plus <see cref="Policy"/>: learning-rate schedule, clipping, and, with
    /// <paramref name="validation"/>, validation accuracy per epoch and early stopping (the best epoch's weights are
    /// restored at the end; see <see cref="RestoredEpoch"/>).
    /// </summary>
    public IReadOnlyList<EpochResult> Fit(InMemoryDataset train, InMemoryDataset? validation, InMemoryDataset test, Rng shuffleRng,
        Action<EpochResult>? onEpoch = null, CancellationToken cancellationToken = default) =>
        Fit(train, validation, test, shuffleRng, null, onEpoch is null ? null : e => onEpoch(e.Result), null, cancellationToken);

    /// <summary>
    /// The epoch loop every training run goes through. Starts at epoch 1, or after <paramref name="resume"/>'s epoch
    /// with its history and <see cref="FitState"/> (the model, optimizer and Rngs must already hold that epoch's
    /// state; <paramref name="shuffleRng"/> is the shuffle stream as it was then). Per epoch: schedule, one training
    /// pass (<paramref name="onBatch"/> after each batch), test and validation evaluation, plateau schedule and early
    /// stopping, then <paramref name="onEpoch"/>, in which <see cref="ExportFitState"/> gives the state to checkpoint.
    /// Returns the whole history; with early stopping the best epoch's weights end up in the model.
    /// </summary>
    public IReadOnlyList<EpochResult> Fit(InMemoryDataset train, InMemoryDataset? validation, InMemoryDataset test, Rng shuffleRng,
        FitResume? resume, Action<FitEpoch>? onEpoch, Action<Runs.BatchProgress>? onBatch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(shuffleRng);
        // The fused step reads the batch's rows straight from the dataset, so the loader need not copy them.
        var loader = new DataLoader(train, Options.BatchSize, shuffle: true, rng: shuffleRng, gatherFeatures: Plan is null);
        var history = new List<EpochResult>(Options.Epochs);
        if (resume is not null) history.AddRange(resume.History);
        BeginFit(train, validation, resume);
        for (int epoch = (resume?.Epoch ?? 0) + 1; epoch <= Options.Epochs && !_stoppedEarly; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _driver!.BeginEpoch(epoch - 1);
            long start = Stopwatch.GetTimestamp();
            var (loss, accuracy) = TrainEpoch(onBatch is null ? loader : Counting(loader, epoch, onBatch), cancellationToken);
            // Seconds cover the training pass only (as the PyTorch reference measures it); evaluation is extra.
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var evaluation = Evaluate(test);
            var val = validation is null ? null : Evaluate(validation);
            var result = new EpochResult(epoch, loss, accuracy, evaluation.Accuracy, seconds, val?.Accuracy);
            history.Add(result);
            _stoppedEarly = EndEpoch(epoch, val?.Loss ?? loss, val);
            onEpoch?.Invoke(new FitEpoch(result, history, _stoppedEarly));
        }
        FinishFit(history.Count == 0 ? 0 : history[^1].Epoch);
        return history;
    }

    /// <summary>The loader's batches, reporting progress after each one has been trained on.</summary>
    private static IEnumerable<Batch> Counting(DataLoader loader, int epoch, Action<Runs.BatchProgress> onBatch)
    {
        int samples = 0;
        foreach (Batch batch in loader)
        {
            yield return batch;
            samples += batch.Count;
            onBatch(new Runs.BatchProgress(epoch, samples, loader.SampleCount));
        }
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
            var loss = F.CrossEntropy(logits, batch.Labels, labelSmoothing: Policy.LabelSmoothing);
            Optimizer.ZeroGrad();
            loss.Backward();
            BeforeStep();
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
            FusedStepResult r = batch.HasFeatures || batch.Source is null || batch.Rows is null
                ? plan.TrainStep(batch.Features.Data, batch.Labels, batch.Count)
                : plan.TrainStep(batch.Source.Features, batch.Rows, batch.Labels, batch.Count);
            BeforeStep();
            Optimizer.Step();
            lossSum += r.LossSum;
            correct += r.Correct;
            count += batch.Count;
        }
        return count == 0 ? (double.NaN, double.NaN) : (lossSum / count, (double)correct / count);
    }
}
