using Dendrite.Data;
using Dendrite.Optim;
using Dendrite.Tensors;
using Dendrite.Training.Policy;

namespace Dendrite.Training;

// The per-step and per-epoch hooks of TrainingPolicy, kept apart from the training loops themselves.
public sealed partial class Trainer
{
    private readonly List<Parameter> _parameters;
    private LearningRateDriver? _driver;
    private EarlyStopping? _stopper;
    private bool _stoppedEarly;

    /// <summary>Schedule, clipping, label smoothing, validation and early stopping.</summary>
    public TrainingPolicy Policy { get; }

    /// <summary>After <see cref="Fit(InMemoryDataset, InMemoryDataset?, InMemoryDataset, Random.Rng, Action{EpochResult}?, CancellationToken)"/>:
    /// the 1-based epoch whose weights early stopping restored, or null when the model holds the last epoch's.</summary>
    public int? RestoredEpoch { get; private set; }

    private void BeginFit(InMemoryDataset train, InMemoryDataset? validation, FitResume? resume)
    {
        if (Policy.EarlyStopping is not null && validation is null)
            throw new DendriteException("early stopping needs a validation set");
        int stepsPerEpoch = Math.Max(1, (train.Count + Options.BatchSize - 1) / Options.BatchSize);
        RestoredEpoch = null;
        _stoppedEarly = false;
        _stopper = Policy.EarlyStopping is { } spec ? new EarlyStopping(spec) : null;
        _driver = new LearningRateDriver(Policy.Schedule, Policy.WarmupEpochs, Optimizer, Options.Epochs, stepsPerEpoch);
        if (resume is null) return;
        // The optimizer already holds the resumed (scheduled) rate, so the driver's base comes from the saved state.
        // Without a saved state (the epoch-0 checkpoint, or a file from before it was stored: constant rate, no early
        // stopping) the position follows from the epoch and the trackers start fresh, which is exact for those runs.
        if (resume.State is not { } state)
        {
            _driver.ImportState(_driver.ExportState() with { Step = (long)resume.Epoch * stepsPerEpoch, Epoch = Math.Max(0, resume.Epoch - 1) });
            return;
        }
        try
        {
            _driver.ImportState(state.Driver);
            if ((_stopper is null) != (state.EarlyStopping is null))
                throw new DendriteException(_stopper is null
                    ? "the saved state has early-stopping progress but the run has no early stopping"
                    : "the run uses early stopping but the saved state has none");
            if (state.EarlyStopping is { } es) _stopper!.ImportState(es, Model);
        }
        catch (DendriteException e) when (e is not FitStateException)
        {
            throw new FitStateException(e.Message, e);
        }
        _stoppedEarly = state.StoppedEarly;
    }

    /// <summary>
    /// At an epoch boundary (inside the callback of <see cref="Fit(InMemoryDataset, InMemoryDataset?, InMemoryDataset, Random.Rng, FitResume?, Action{FitEpoch}?, Action{Runs.BatchProgress}?, CancellationToken)"/>):
    /// the schedule, early-stopping and stop state to store with the weights so the fit can be resumed exactly.
    /// The early-stopping weights are shared, not copied: serialize them before training continues.
    /// </summary>
    public FitState ExportFitState()
    {
        if (_driver is null) throw new InvalidOperationException("ExportFitState is only valid once Fit has begun");
        return new FitState(_driver.ExportState(), _stopper?.ExportState(), _stoppedEarly);
    }

    /// <summary>Loss and accuracy on <paramref name="data"/> through the fused plan when there is one, else autograd.</summary>
    public Evaluation Evaluate(InMemoryDataset data) =>
        Plan is null ? Evaluator.Evaluate(Model, data, Options.EvalBatchSize) : Evaluator.Evaluate(Plan, data, Options.EvalBatchSize);

    /// <summary>Plateau schedule and early stopping after an epoch; true means stop.</summary>
    private bool EndEpoch(int epoch, double monitoredLoss, Evaluation? validation)
    {
        _driver?.EndEpoch(monitoredLoss);
        return _stopper is not null && validation is not null && _stopper.Observe(epoch, validation.Accuracy, Model);
    }

    /// <summary>With early stopping, puts the best epoch's weights into the model unless the last epoch was the best.</summary>
    private void FinishFit(int lastEpoch)
    {
        var stopper = _stopper;
        if (stopper is null || stopper.BestEpoch == 0 || stopper.BestEpoch == lastEpoch) return;
        stopper.RestoreBest(Model);
        RestoredEpoch = stopper.BestEpoch;
    }

    /// <summary>Between backward and Step: the learning rate of a per-step schedule, then gradient clipping.</summary>
    private void BeforeStep()
    {
        _driver?.BeforeStep();
        switch (Policy.Clip)
        {
            case { Kind: GradientClipKind.Norm } c:
                GradientClipping.ClipGradNorm(_parameters, c.Threshold);
                break;
            case { Kind: GradientClipKind.Value } c:
                GradientClipping.ClipGradValue(_parameters, c.Threshold);
                break;
        }
    }
}
