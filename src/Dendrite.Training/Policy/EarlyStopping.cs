using Dendrite.Nn;

namespace Dendrite.Training.Policy;

/// <summary>
/// Tracks the validation value of a metric per epoch (see <see cref="EarlyStoppingSpec"/>): remembers the best epoch's
/// weights and says when to stop.
/// </summary>
public sealed class EarlyStopping
{
    private readonly EarlyStoppingSpec _spec;
    private readonly MetricGoal _goal;
    private WeightSnapshot? _best;
    private int _badEpochs;

    /// <summary>Tracks <paramref name="goal"/>'s metric (accuracy unless given).</summary>
    public EarlyStopping(EarlyStoppingSpec spec, MetricGoal? goal = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        _goal = goal ?? MetricGoal.Accuracy;
    }

    /// <summary>1-based epoch with the best value so far, or 0 before the first.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>Best validation value so far (NaN before the first epoch).</summary>
    public double BestValue { get; private set; } = double.NaN;

    /// <summary>Records epoch <paramref name="epoch"/>'s value; returns true when training should stop.</summary>
    public bool Observe(int epoch, double value, Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (BestEpoch == 0 || _goal.Improves(value, BestValue, _spec.MinDelta))
        {
            BestValue = value;
            BestEpoch = epoch;
            _best = WeightSnapshot.Take(model);
            _badEpochs = 0;
            return false;
        }
        return ++_badEpochs >= _spec.Patience;
    }

    /// <summary>The tracker's state, including a reference to (not a copy of) the best weights.</summary>
    public EarlyStoppingState ExportState() => new(BestEpoch, BestValue, _badEpochs, _best?.Values);

    /// <summary>Continues from <paramref name="state"/>; its weights must fit <paramref name="model"/>.</summary>
    public void ImportState(EarlyStoppingState state, Module model)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(model);
        if (state.BestEpoch < 0 || state.BadEpochs < 0 || (state.BestEpoch > 0 && double.IsNaN(state.BestValue)))
            throw new DendriteException($"early-stopping state: best epoch {state.BestEpoch}, bad epochs {state.BadEpochs}, best value {state.BestValue} are not valid");
        if ((state.BestEpoch > 0) != (state.BestWeights is not null))
            throw new DendriteException($"early-stopping state: best epoch {state.BestEpoch} but {(state.BestWeights is null ? "no" : "some")} best weights");
        _best = state.BestWeights is null ? null
            : WeightSnapshot.FromValues(model, state.BestWeights.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
        BestEpoch = state.BestEpoch;
        BestValue = state.BestEpoch == 0 ? double.NaN : state.BestValue;
        _badEpochs = state.BadEpochs;
    }

    /// <summary>Puts the best epoch's weights back into <paramref name="model"/>.</summary>
    public void RestoreBest(Module model) => _best?.RestoreTo(model);
}
