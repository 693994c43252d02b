using System.Globalization;
using Dendrite.Optim;
using Dendrite.Tensors;
using Dendrite.Training.Policy;
using Microsoft.Extensions.Logging;

namespace Dendrite.Training;

// The per-step and per-epoch hooks of TrainingPolicy, and the epoch's log lines, kept apart from the training loops.
public sealed partial class Trainer
{
    /// <summary>A finite training loss above this, or this many times the first epoch's, is reported as exploding.</summary>
    public const double ExplodingLoss = 1e6;

    private static readonly Action<ILogger, int, double, string, double, Exception?> s_logEpoch =
        LoggerMessage.Define<int, double, string, double>(LogLevel.Information, new EventId(1, "Epoch"),
            "epoch {Epoch}: train loss {TrainLoss:G6}, {Metrics}, {Seconds:F3} s");

    private static readonly Action<ILogger, string, Exception?> s_logWarning =
        LoggerMessage.Define<string>(LogLevel.Warning, new EventId(2, "Warning"), "{Warning}");

    private readonly List<Parameter> _parameters;
    private LearningRateDriver? _driver;
    private EarlyStopping? _stopper;
    private bool _stoppedEarly;
    private double _firstLoss;
    private bool _warned;

    /// <summary>Schedule, clipping, validation and early stopping.</summary>
    public TrainingPolicy Policy { get; }

    /// <summary>After a fit: the 1-based epoch whose weights early stopping restored, or null when the model holds the last epoch's.</summary>
    public int? RestoredEpoch { get; private set; }

    private void BeginFit(FitData data, FitResume? resume)
    {
        if (Policy.EarlyStopping is not null && data.Validation is null)
            throw new DendriteException("early stopping needs a validation set");
        int stepsPerEpoch = Math.Max(1, (data.TrainCount + Options.BatchSize - 1) / Options.BatchSize);
        RestoredEpoch = null;
        _stoppedEarly = false;
        _firstLoss = resume is { History.Count: > 0 } r ? r.History[0].TrainLoss : double.NaN;
        _warned = false;
        _stopper = Policy.EarlyStopping is { } spec ? new EarlyStopping(spec, Objective.Goal) : null;
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
    /// At an epoch boundary (during an epoch of <see cref="Run"/>): the schedule, early-stopping and stop state to
    /// store with the weights so the fit can be resumed exactly. The early-stopping weights are shared, not copied:
    /// serialize them before training continues.
    /// </summary>
    public FitState ExportFitState()
    {
        if (_driver is null) throw new InvalidOperationException("ExportFitState is only valid once a fit has begun");
        return new FitState(_driver.ExportState(), _stopper?.ExportState(), _stoppedEarly);
    }

    /// <summary>Plateau schedule and early stopping after an epoch; true means stop.</summary>
    private bool EndEpoch(int epoch, double monitoredLoss, Evaluation? validation)
    {
        _driver?.EndEpoch(monitoredLoss);
        return _stopper is not null && validation is not null && _stopper.Observe(epoch, validation.Get(Objective.Goal.Name), Model);
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

    /// <summary>A warning, once per fit, when the loss is still finite but exploding.</summary>
    private string? ExplosionWarning(EpochResult result)
    {
        if (double.IsNaN(_firstLoss)) _firstLoss = result.TrainLoss;
        double loss = result.TrainLoss;
        if (_warned || !double.IsFinite(loss) || !(loss > ExplodingLoss || (_firstLoss > 0 && loss > 1000 * _firstLoss))) return null;
        _warned = true;
        return string.Create(CultureInfo.InvariantCulture,
            $"warning: the training loss is {loss:G3} in epoch {result.Epoch} (epoch 1: {_firstLoss:G3}) and may be diverging; try a lower learning rate or gradient clipping");
    }

    private void LogEpoch(EpochResult result, string? warning)
    {
        if (warning is not null) s_logWarning(Logger, warning, null);
        if (!Logger.IsEnabled(LogLevel.Information)) return;
        Evaluation? shown = result.Validation ?? result.Test;
        string metrics = shown is null ? "no evaluation" : (result.Validation is null ? "test " : "validation ") + shown;
        s_logEpoch(Logger, result.Epoch, result.TrainLoss, metrics, result.Seconds, null);
    }
}
