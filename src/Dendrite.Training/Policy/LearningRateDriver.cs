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
    private readonly ILearningRateSchedule? _epochSchedule;
    private readonly OneCycleLR? _oneCycle;
    private readonly ReduceLROnPlateau? _plateau;
    private readonly int _warmup;
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
        double lr = optimizer.LearningRate;
        BaseLearningRate = lr;
        spec ??= LrScheduleSpec.None;
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

    /// <summary>The learning rate the run started from.</summary>
    public double BaseLearningRate { get; }

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
