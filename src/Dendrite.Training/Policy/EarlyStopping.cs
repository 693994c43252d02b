using Dendrite.Nn;

namespace Dendrite.Training.Policy;

/// <summary>
/// Tracks validation accuracy per epoch (see <see cref="EarlyStoppingSpec"/>): remembers the best epoch's weights and
/// says when to stop.
/// </summary>
public sealed class EarlyStopping
{
    private readonly EarlyStoppingSpec _spec;
    private WeightSnapshot? _best;
    private int _badEpochs;

    public EarlyStopping(EarlyStoppingSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
    }

    /// <summary>1-based epoch with the best validation accuracy so far, or 0 before the first.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>Best validation accuracy so far.</summary>
    public double BestAccuracy { get; private set; } = double.NegativeInfinity;

    /// <summary>Records epoch <paramref name="epoch"/>'s accuracy; returns true when training should stop.</summary>
    public bool Observe(int epoch, double accuracy, Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (accuracy > BestAccuracy + _spec.MinDelta || BestEpoch == 0)
        {
            BestAccuracy = accuracy;
            BestEpoch = epoch;
            _best = WeightSnapshot.Take(model);
            _badEpochs = 0;
            return false;
        }
        return ++_badEpochs >= _spec.Patience;
    }

    /// <summary>The tracker's state, including a reference to (not a copy of) the best weights.</summary>
    public EarlyStoppingState ExportState() => new(BestEpoch, BestAccuracy, _badEpochs, _best?.Values);

    /// <summary>Continues from <paramref name="state"/>; its weights must fit <paramref name="model"/>.</summary>
    public void ImportState(EarlyStoppingState state, Module model)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(model);
        if (state.BestEpoch < 0 || state.BadEpochs < 0 || double.IsNaN(state.BestAccuracy))
            throw new DendriteException($"early-stopping state: best epoch {state.BestEpoch}, bad epochs {state.BadEpochs}, best accuracy {state.BestAccuracy} are not valid");
        if ((state.BestEpoch > 0) != (state.BestWeights is not null))
            throw new DendriteException($"early-stopping state: best epoch {state.BestEpoch} but {(state.BestWeights is null ? "no" : "some")} best weights");
        _best = state.BestWeights is null ? null
            : WeightSnapshot.FromValues(model, state.BestWeights.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
        BestEpoch = state.BestEpoch;
        BestAccuracy = state.BestAccuracy;
        _badEpochs = state.BadEpochs;
    }

    /// <summary>Puts the best epoch's weights back into <paramref name="model"/>.</summary>
    public void RestoreBest(Module model) => _best?.RestoreTo(model);
}
