using System.Diagnostics;
using System.Numerics.Tensors;
using Dendrite.Data;
using Dendrite.Nn;
using Dendrite.Nn.Fused;
using Dendrite.Optim;
using Dendrite.Random;
using Dendrite.Training.Objectives;
using Dendrite.Training.Policy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dendrite.Training;

/// <summary>
/// Trains a model for an <see cref="Objective"/> (classification by default) with mini-batch gradient descent: per
/// batch, outputs = model(x), loss, zero grads, backward, optimizer step; after each epoch, evaluation of the
/// validation and test sets. Runs the fused plan when the model compiles to one, else the autograd graph.
/// Stops with <see cref="TrainingDivergedException"/> the moment the loss or, at an epoch's end, the parameters stop
/// being finite. Not thread-safe: one fit at a time per trainer.
/// </summary>
public sealed partial class Trainer
{
    /// <summary>Creates a trainer; nothing runs until a fit is called.</summary>
    /// <param name="model">The model; trained in place.</param>
    /// <param name="optimizer">Updates the model's parameters.</param>
    /// <param name="options">Epochs, batch sizes, engine.</param>
    /// <param name="policy">Schedule, clipping, early stopping (none by default).</param>
    /// <param name="objective">What to train for (plain cross-entropy classification by default).</param>
    /// <param name="logger">Receives a line per epoch and warnings (nothing by default).</param>
    public Trainer(Module model, IOptimizer optimizer, TrainerOptions options, TrainingPolicy? policy = null, Objective? objective = null,
        ILogger? logger = null)
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
        Objective = objective ?? ClassificationObjective.Default;
        Logger = logger ?? NullLogger.Instance;
        if (Objective.NeedsAutograd && options.Engine == TrainingEngine.Fused)
            throw new DendriteException("label smoothing runs on the autograd engine only");
        _parameters = [.. model.Parameters()];
        Plan = options.Engine == TrainingEngine.Autograd || Objective.NeedsAutograd ? null : FusedMlp.TryCompile(model);
        if (Plan is null && options.Engine == TrainingEngine.Fused)
            throw new DendriteException($"the fused engine runs Linear layers, each optionally followed by BatchNorm1d, an activation with a fused kernel and Dropout; {model.GetType().Name} is not one");
        CheckDataParallel();
    }

    /// <summary>The fused plan that runs the steps, or null when the autograd path does.</summary>
    public FusedMlp? Plan { get; }

    /// <summary>The model being trained.</summary>
    public Module Model { get; }

    /// <summary>The optimizer.</summary>
    public IOptimizer Optimizer { get; }

    /// <summary>Epochs, batch sizes, engine.</summary>
    public TrainerOptions Options { get; }

    /// <summary>What the model is trained for.</summary>
    public Objective Objective { get; }

    /// <summary>Where epoch lines and warnings go.</summary>
    public ILogger Logger { get; }

    /// <summary>
    /// Trains for <see cref="TrainerOptions.Epochs"/> epochs on <paramref name="train"/> (a new order from
    /// <paramref name="shuffleRng"/> each epoch), evaluating <paramref name="test"/> after each, and returns the
    /// history. <paramref name="onEpoch"/> hears each epoch as it ends, on the training thread (a plain callback rather
    /// than <see cref="IProgress{T}"/>, whose default implementation posts to the thread pool and can reorder output;
    /// pass <c>progress.Report</c> to use one).
    /// </summary>
    public IReadOnlyList<EpochResult> Fit(InMemoryDataset train, InMemoryDataset? test, Rng shuffleRng, Action<EpochResult>? onEpoch = null,
        CancellationToken cancellationToken = default) =>
        Fit(new FitData(train, null, test), shuffleRng, onEpoch is null ? null : new FitCallbacks(e => onEpoch(e.Result)), null, cancellationToken);

    /// <summary>
    /// The fit with everything: validation (early stopping and the plateau schedule watch it), callbacks, and a
    /// resume point (see <see cref="FitResume"/>). Returns the whole history; with early stopping the best epoch's
    /// weights end up in the model (<see cref="RestoredEpoch"/>).
    /// </summary>
    public IReadOnlyList<EpochResult> Fit(FitData data, Rng shuffleRng, FitCallbacks? callbacks = null, FitResume? resume = null,
        CancellationToken cancellationToken = default)
    {
        IReadOnlyList<EpochResult> history = resume?.History ?? [];
        foreach (FitEpoch e in Run(data, shuffleRng, resume, callbacks?.Batch, cancellationToken))
        {
            history = e.History;
            callbacks?.Epoch?.Invoke(e);
        }
        return [.. history];
    }

    /// <summary>
    /// The epochs of a fit as they end: enumerating trains the next epoch and yields its result, so a foreach prints
    /// progress live. Stopping the enumeration early stops training (the model keeps its weights as they are).
    /// </summary>
    public IEnumerable<EpochResult> Epochs(InMemoryDataset train, InMemoryDataset? test, Rng shuffleRng, CancellationToken cancellationToken = default) =>
        Run(new FitData(train, null, test), shuffleRng, null, null, cancellationToken).Select(e => e.Result);

    /// <summary>
    /// The epoch loop every fit goes through, yielding after each epoch. Starts at epoch 1, or after
    /// <paramref name="resume"/>'s epoch with its history and <see cref="FitState"/> (the model, optimizer and Rngs
    /// must already hold that epoch's state; <paramref name="shuffleRng"/> is the shuffle stream as it was then). Per
    /// epoch: schedule, one training pass (<paramref name="onBatch"/> after each batch), the finiteness check,
    /// validation and test evaluation, plateau schedule and early stopping; then the yield, during which
    /// <see cref="ExportFitState"/> gives the state to checkpoint.
    /// </summary>
    public IEnumerable<FitEpoch> Run(FitData data, Rng shuffleRng, FitResume? resume = null, Action<Runs.BatchProgress>? onBatch = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shuffleRng);
        CheckData(data);
        return RunCore(data, shuffleRng, resume, onBatch, cancellationToken);
    }

    private IEnumerable<FitEpoch> RunCore(FitData data, Rng shuffleRng, FitResume? resume, Action<Runs.BatchProgress>? onBatch,
        CancellationToken cancellationToken)
    {
        IBatchSource loader = NewLoader(data, shuffleRng);
        var history = new List<EpochResult>(Options.Epochs);
        if (resume is not null) history.AddRange(resume.History);
        BeginFit(data, resume);
        for (int epoch = (resume?.Epoch ?? 0) + 1; epoch <= Options.Epochs && !_stoppedEarly; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _driver!.BeginEpoch(epoch - 1);
            long start = Stopwatch.GetTimestamp();
            var (loss, accuracy) = TrainEpoch(onBatch is null ? loader : Counting(loader, Options.BatchSize, epoch, onBatch), epoch, cancellationToken);
            // Seconds cover the training pass only (as the PyTorch reference measures it); evaluation is extra.
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            SyncReplicas(epoch);
            CheckParameters(epoch);
            Evaluation? test = data.Test is null ? null : Evaluate(data.Test);
            Evaluation? validation = data.Validation is null ? null : Evaluate(data.Validation);
            var result = new EpochResult(epoch, loss, accuracy, seconds, test, validation);
            history.Add(result);
            string? warning = ExplosionWarning(result);
            _stoppedEarly = EndEpoch(epoch, validation?.Loss ?? loss, validation);
            LogEpoch(result, warning);
            yield return new FitEpoch(result, history, _stoppedEarly, warning);
        }
        FinishFit(history.Count == 0 ? 0 : history[^1].Epoch);
    }

    /// <summary>The loader's batches, reporting progress after each one has been trained on.</summary>
    private static IEnumerable<Batch> Counting(IBatchSource loader, int batchSize, int epoch, Action<Runs.BatchProgress> onBatch)
    {
        int batches = 0;
        foreach (Batch batch in loader)
        {
            yield return batch;
            // Counted in global batches, so a rank that reads a shard reports the whole job's progress.
            batches++;
            onBatch(new Runs.BatchProgress(epoch, (int)Math.Min((long)batches * batchSize, loader.SampleCount), loader.SampleCount));
        }
    }

    /// <summary>
    /// One pass over <paramref name="loader"/> in training mode. Returns the sample-weighted mean loss and, for
    /// classification, the accuracy of the predictions made during the pass (each batch scored before its own update;
    /// NaN for regression).
    /// </summary>
    /// <exception cref="TrainingDivergedException">a batch's loss is not finite; its update is not applied.</exception>
    public (double Loss, double Accuracy) TrainEpoch(IEnumerable<Batch> loader, CancellationToken cancellationToken = default) =>
        TrainEpoch(loader, 0, cancellationToken);

    /// <summary>The pass; <paramref name="epoch"/> only labels a divergence.</summary>
    private (double Loss, double Accuracy) TrainEpoch(IEnumerable<Batch> loader, int epoch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loader);
        Model.Train();
        double lossSum = 0;
        long correct = 0, count = 0;
        bool classification = Objective.Task == TaskKind.Classification;
        int step = 0;
        foreach (Batch batch in loader)
        {
            cancellationToken.ThrowIfCancellationRequested();
            step++;
            ShardRows(batch);
            if (batch.Count == 0)
            {
                // A data-parallel rank's empty shard of a last batch smaller than the rank count: it adds zero
                // gradients but still takes part in the reduction and the step.
                ReduceGradients(0, batch, epoch, step);
                BeforeStep();
                Optimizer.Step();
                continue;
            }
            if (Plan is not null)
            {
                // The step overwrites every Grad, so no ZeroGrad: that would drop the reused buffers.
                FusedStepResult r = Objective.Step(Plan, batch);
                if (!double.IsFinite(r.LossSum) && _allReduce is null) throw Diverged(epoch, step, r.LossSum / batch.Count);
                ReduceGradients(r.LossSum, batch, epoch, step);
                BeforeStep();
                Optimizer.Step();
                lossSum += r.LossSum;
                correct += r.Correct;
            }
            else
            {
                var output = Model.Forward(batch.Features);
                var loss = Objective.TrainingLoss(output, batch);
                float value = loss.Item();
                if (!float.IsFinite(value) && _allReduce is null) throw Diverged(epoch, step, value);
                Optimizer.ZeroGrad();
                loss.Backward();
                ReduceGradients((double)value * batch.Count, batch, epoch, step);
                BeforeStep();
                Optimizer.Step();
                // Read before the next batch: the loader reuses its buffers.
                lossSum += (double)value * batch.Count;
                if (classification) correct += Metrics.CountCorrect(output, batch.Labels);
            }
            count += batch.Count;
        }
        (lossSum, correct, count) = ReduceTotals(lossSum, correct, count);
        if (count == 0) return (double.NaN, double.NaN);
        return (lossSum / count, classification ? (double)correct / count : double.NaN);
    }

    private static TrainingDivergedException Diverged(int epoch, int step, double loss) =>
        new(epoch, step, $"the loss is {(double.IsNaN(loss) ? "NaN" : loss > 0 ? "infinite" : "-infinite")}");

    /// <summary>After an epoch: every parameter and buffer must still be finite (a huge step can overflow them).</summary>
    private void CheckParameters(int epoch)
    {
        foreach (StateEntry entry in Model.StateEntries())
        {
            // MaxMagnitude is NaN if any element is NaN and ∞ if any is infinite.
            if (entry.Tensor.Size > 0 && !float.IsFinite(TensorPrimitives.MaxMagnitude(entry.Tensor.Data)))
                throw new TrainingDivergedException(epoch, 0, $"'{entry.Name}' is no longer finite");
        }
    }

    /// <summary>Loss and metrics on <paramref name="data"/> through the fused plan when there is one, else autograd.</summary>
    public Evaluation Evaluate(InMemoryDataset data) => Plan is null
        ? Evaluator.Evaluate(Model, data, Objective, Options.EvalBatchSize)
        : Evaluator.Evaluate(Plan, data, Objective, Options.EvalBatchSize);

    private void CheckData(FitData data)
    {
        ArgumentNullException.ThrowIfNull(data.Train);
        if (data.Train.Count == 0) throw new DendriteException("the training data is empty");
        if (Plan is null) return; // a custom model's output width is only known by running it; the loss checks it
        foreach (var (set, role) in new[] { (data.Train, "training"), (data.Validation, "validation"), (data.Test, "test") })
        {
            if (set is null) continue;
            if (set.FeatureCount != Plan.InputWidth)
                throw new DendriteException($"the model takes {Plan.InputWidth} features but the {role} data has {set.FeatureCount}");
            Objective.CheckData(set, Plan.OutputWidth, role);
        }
    }
}
