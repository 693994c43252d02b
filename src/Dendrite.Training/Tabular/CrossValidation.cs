using System.Diagnostics;
using Dendrite.Data.Tabular;
using Dendrite.Random;

namespace Dendrite.Training.Tabular;

/// <summary>
/// K-fold cross-validation of a tabular MLP (d2l's house-price recipe): the rows are split into k folds
/// (<see cref="Splits.KFold"/>); for each fold the preprocessing is fitted on the other k − 1 folds only, a fresh
/// model is trained on them and the held-out fold is scored. Every row is held out exactly once.
/// </summary>
public static class CrossValidation
{
    /// <param name="frame">The table, with a target.</param>
    /// <param name="folds">k ≥ 2, at most the row count.</param>
    /// <param name="settings">Training settings; every fold's model is initialized from the same <see cref="TabularSettings.Seed"/>.</param>
    /// <param name="rng">Draws the fold assignment.</param>
    /// <param name="onFold">Called after each fold, in order.</param>
    /// <param name="onEpoch">Called after each epoch of each fold with the fold number (1-based).</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    public static CrossValidationResult Run(TabularFrame frame, int folds, TabularSettings settings, Rng rng,
        Action<FoldResult>? onFold = null, Action<int, TabularEpochResult>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(rng);
        TabularTarget target = frame.Target ?? throw new CsvFormatException(frame.FilePath, 0, null, "no target column was named, so there is nothing to cross-validate");
        settings.Validate();
        IReadOnlyList<SplitIndices> splits = Splits.KFold(frame.RowCount, folds, rng);
        var results = new List<FoldResult>(splits.Count);
        for (int f = 0; f < splits.Count; f++)
        {
            long start = Stopwatch.GetTimestamp();
            int fold = f + 1;
            Action<TabularEpochResult>? epochCallback = onEpoch is null ? null : e => onEpoch(fold, e);
            TabularTrainingOutcome outcome = TabularTrainer.Train(frame, splits[f], settings, epochCallback, cancellationToken);
            var result = new FoldResult(fold, splits[f].Train.Length, splits[f].Test.Length, outcome.Test!, Stopwatch.GetElapsedTime(start).TotalSeconds);
            results.Add(result);
            onFold?.Invoke(result);
        }
        return new CrossValidationResult(target.Task, results);
    }
}
