namespace Dendrite.Optim.Schedules;

/// <summary>
/// Reduces the learning rate when a reported metric stops improving (PyTorch ReduceLROnPlateau): after each
/// <see cref="Report(double)"/>, if the metric beat the best so far by the threshold the bad-epoch count resets, else it
/// grows (not during cool-down); once it exceeds the patience, lr ← max(lr·factor, minLr) and cool-down starts.
/// Unlike the other schedules it depends on history, so its state is exported and imported explicitly.
/// </summary>
public sealed class ReduceLROnPlateau
{
    private PlateauState _state;

    /// <summary>Starts at <paramref name="initialLearningRate"/> with no best metric yet.</summary>
    /// <param name="initialLearningRate">The rate before any reduction (finite, &gt; 0).</param>
    /// <param name="options">Patience, factor and the rest; null = PyTorch's defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The rate or an option is outside its range, or an enum value is undefined.
    /// </exception>
    public ReduceLROnPlateau(double initialLearningRate, ReduceLROnPlateauOptions? options = null)
    {
        Options = options ?? new ReduceLROnPlateauOptions();
        OptionCheck.Positive(initialLearningRate, "InitialLearningRate");
        if (!(Options.Factor > 0 && Options.Factor < 1)) OptionCheck.Fail(Options.Factor, "Factor", "must be in (0, 1)");
        OptionCheck.AtLeast(Options.Patience, 0, "Patience");
        OptionCheck.NonNegative(Options.Threshold, "Threshold");
        OptionCheck.AtLeast(Options.Cooldown, 0, "Cooldown");
        OptionCheck.NonNegative(Options.MinLearningRate, "MinLearningRate");
        OptionCheck.NonNegative(Options.Eps, "Eps");
        if (!Enum.IsDefined(Options.Mode)) OptionCheck.Fail(Options.Mode, "Mode", "must be Min or Max");
        if (!Enum.IsDefined(Options.ThresholdMode)) OptionCheck.Fail(Options.ThresholdMode, "ThresholdMode", "must be Relative or Absolute");
        _state = new PlateauState(initialLearningRate, Worst, 0, 0, 0);
    }

    /// <summary>The options in effect (the defaults when none were given).</summary>
    public ReduceLROnPlateauOptions Options { get; }

    /// <summary>The learning rate to use for the next epoch.</summary>
    public double LearningRate => _state.LearningRate;

    private double Worst => Options.Mode == PlateauMode.Min ? double.PositiveInfinity : double.NegativeInfinity;

    /// <summary>Records the metric of the epoch just finished and returns the learning rate for the next one.</summary>
    public double Report(double metric)
    {
        if (double.IsNaN(metric)) throw new ArgumentOutOfRangeException(nameof(metric), metric, "the monitored metric is NaN");
        var (lr, best, bad, cooldown, epochs) = _state;
        if (IsBetter(metric, best))
        {
            best = metric;
            bad = 0;
        }
        else
        {
            bad++;
        }
        if (cooldown > 0)
        {
            cooldown--;
            bad = 0; // bad epochs during cool-down are ignored
        }
        if (bad > Options.Patience)
        {
            double reduced = Math.Max(lr * Options.Factor, Options.MinLearningRate);
            if (lr - reduced > Options.Eps) lr = reduced;
            cooldown = Options.Cooldown;
            bad = 0;
        }
        _state = new PlateauState(lr, best, bad, cooldown, epochs + 1);
        return lr;
    }

    /// <summary>Records the metric and sets the optimizer's learning rate for the next epoch.</summary>
    public void Report(double metric, IOptimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        optimizer.LearningRate = (float)Report(metric);
    }

    private bool IsBetter(double metric, double best) => (Options.Mode, Options.ThresholdMode) switch
    {
        (PlateauMode.Min, ThresholdMode.Relative) => metric < best * (1 - Options.Threshold),
        (PlateauMode.Min, _) => metric < best - Options.Threshold,
        (_, ThresholdMode.Relative) => metric > best * (1 + Options.Threshold),
        _ => metric > best + Options.Threshold,
    };

    /// <summary>
    /// The current state (an immutable record), for a checkpoint; <see cref="ImportState"/> restores it.
    /// </summary>
    public PlateauState ExportState() => _state;

    /// <summary>Restores state from <see cref="ExportState"/>; throws <see cref="OptimizerStateException"/> when it is impossible.</summary>
    public void ImportState(PlateauState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!double.IsFinite(state.LearningRate) || state.LearningRate < 0)
            throw new OptimizerStateException($"plateau state learning rate is {state.LearningRate}, expected a finite value ≥ 0");
        if (double.IsNaN(state.Best)) throw new OptimizerStateException("plateau state best metric is NaN");
        if (state.BadEpochs < 0 || state.CooldownLeft < 0 || state.Epochs < 0)
            throw new OptimizerStateException(
                $"plateau state counters must be ≥ 0, got bad epochs {state.BadEpochs}, cool-down {state.CooldownLeft}, epochs {state.Epochs}");
        _state = state;
    }
}
