using Dendrite.Optim;
using Dendrite.Optim.Schedules;

namespace Dendrite.Training.Policy;

/// <summary>
/// Sets the optimizer's learning rate from a <see cref="LrScheduleSpec"/> and warm-up: per-epoch schedules at the
/// start of each epoch (epoch index t from 0), onecycle before every step, plateau after each epoch from the
/// monitored loss. Warm-up is per epoch: lr·(1/3 + (2/3)·t / W) for t &lt; W, then the schedule starts at its t = 0.
/// </summary>
public sealed class LearningRateDriver
{
    private readonly IOptimizer _optimizer;
    private readonly LrScheduleSpec _spec;
    private readonly int _epochs;
    private readonly int _stepsPerEpoch;
    private readonly int _warmup;
    private ILearningRateSchedule? _epochSchedule;
    private OneCycleLR? _oneCycle;
    private ReduceLROnPlateau? _plateau;
    private long _step;
    private int _epoch;

    /// <param name="spec">The schedule (null: constant).</param>
    /// <param name="warmupEpochs">Warm-up epochs in front of it.</param>
    /// <param name="optimizer">Its current learning rate is the base (or onecycle's maximum).</param>
    /// <param name="epochs">Epochs of the run.</param>
    /// <param name="stepsPerEpoch">Optimizer steps per epoch, for onecycle.</param>
    public LearningRateDriver(LrScheduleSpec? spec, int warmupEpochs, IOptimizer optimizer, int epochs, int stepsPerEpoch)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        _optimizer = optimizer;
        _warmup = warmupEpochs;
        _spec = spec ?? LrScheduleSpec.None;
        _epochs = epochs;
        _stepsPerEpoch = stepsPerEpoch;
        Build(optimizer.LearningRate);
    }

    /// <summary>The learning rate the run started from.</summary>
    public double BaseLearningRate { get; private set; }

    // The schedules are pure functions of (base lr, epochs, epoch or step) except plateau, whose history is in
    // its exported state; so rebuilding them from the base rate and importing plateau's state resumes exactly.
    private void Build(double lr)
    {
        BaseLearningRate = lr;
        var spec = _spec;
        int epochs = _epochs, stepsPerEpoch = _stepsPerEpoch, warmupEpochs = _warmup;
        int afterWarmup = Math.Max(1, epochs - warmupEpochs);
        _epochSchedule = spec.Kind switch
        {
            LrScheduleKind.Step => new StepLR(lr, spec.StepSize, spec.Gamma),
            LrScheduleKind.MultiStep => new MultiStepLR(lr, spec.Milestones ?? [], spec.Gamma),
            LrScheduleKind.Exponential => new ExponentialLR(lr, spec.Gamma),
            LrScheduleKind.Cosine => new CosineAnnealingLR(lr, afterWarmup),
            _ => null,
        };
        if (spec.Kind == LrScheduleKind.OneCycle) _oneCycle = new OneCycleLR(lr, Math.Max(2L, (long)epochs * stepsPerEpoch));
        if (spec.Kind == LrScheduleKind.Plateau)
            _plateau = new ReduceLROnPlateau(lr, new ReduceLROnPlateauOptions(PlateauMode.Min, spec.Factor, spec.Patience));
    }

    /// <summary>Everything needed to continue: the base rate, steps and epochs done, plateau's history.</summary>
    public LearningRateDriverState ExportState() => new(BaseLearningRate, _step, _epoch, _plateau?.ExportState());

    /// <summary>
    /// Continues from <paramref name="state"/> (taken at an epoch boundary by <see cref="ExportState"/> of a driver
    /// with the same spec and warm-up). The schedules are rebuilt for this driver's epoch count, so a run extended to
    /// more epochs follows the new total from here on. The optimizer's current rate is not touched (it is part of the
    /// optimizer's own state).
    /// </summary>
    public void ImportState(LearningRateDriverState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!(double.IsFinite(state.BaseLearningRate) && state.BaseLearningRate > 0))
            throw new DendriteException($"learning-rate driver state: base rate {state.BaseLearningRate} is not finite and > 0");
        if (state.Step < 0 || state.Epoch < 0)
            throw new DendriteException($"learning-rate driver state: step {state.Step} and epoch {state.Epoch} must be ≥ 0");
        if ((state.Plateau is null) != (_spec.Kind != LrScheduleKind.Plateau))
            throw new DendriteException("learning-rate driver state does not match the schedule (plateau state present or missing)");
        Build(state.BaseLearningRate);
        _step = state.Step;
        _epoch = state.Epoch;
        if (state.Plateau is { } p)
        {
            try
            {
                _plateau!.ImportState(p);
            }
            catch (OptimizerStateException e)
            {
                throw new DendriteException("learning-rate driver state: " + e.Message, e);
            }
        }
    }

    /// <summary>Sets the rate for epoch <paramref name="epochIndex"/> (0-based).</summary>
    public void BeginEpoch(int epochIndex)
    {
        _epoch = epochIndex;
        if (epochIndex < _warmup)
        {
            double s = 1.0 / 3;
            _optimizer.LearningRate = (float)(BaseLearningRate * (s + (1 - s) * epochIndex / _warmup));
            return;
        }
        if (epochIndex == _warmup && _warmup > 0 && _plateau is not null) _optimizer.LearningRate = (float)_plateau.LearningRate;
        _epochSchedule?.ApplyTo(_optimizer, epochIndex - _warmup);
        // Without a schedule the rate is left alone, except to end the warm-up ramp.
        if (_epochSchedule is null && _plateau is null && epochIndex == _warmup && _warmup > 0) _optimizer.LearningRate = (float)BaseLearningRate;
    }

    /// <summary>Before every optimizer step: onecycle's rate for this step (clamped to its last step).</summary>
    public void BeforeStep()
    {
        if (_oneCycle is not null) _oneCycle.ApplyTo(_optimizer, Math.Min(_step, _oneCycle.TotalSteps - 1));
        _step++;
    }

    /// <summary>After an epoch: plateau sees the monitored loss (after warm-up only).</summary>
    public void EndEpoch(double monitoredLoss)
    {
        if (_plateau is null || _epoch < _warmup || double.IsNaN(monitoredLoss)) return;
        _plateau.Report(monitoredLoss, _optimizer);
    }
}
