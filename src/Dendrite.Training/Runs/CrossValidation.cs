using System.Diagnostics;
using System.Globalization;
using Dendrite.Data.Tabular;
using Dendrite.Random;
using Microsoft.Extensions.Logging;

namespace Dendrite.Training.Runs;

/// <summary>
/// K-fold cross-validation of a <see cref="RunConfig"/> on a table (d2l's house-price recipe): the rows are split into
/// k folds (<see cref="Splits.KFold"/>, seeded by <see cref="CsvSource.SplitSeed"/>); for each fold the preprocessing
/// is fitted on the other k − 1 folds only (minus their validation rows), a fresh model is trained on them with the
/// whole toolbox of the config (optimizer, schedule, early stopping, …) and the held-out fold is scored. Every row is
/// held out exactly once.
/// </summary>
public static class CrossValidation
{
    /// <param name="source">The table; its test file, if any, is not used (each fold is the test set in turn).</param>
    /// <param name="config">The run; every fold's model is initialized from the same seed.</param>
    /// <param name="folds">k ≥ 2, at most the row count.</param>
    /// <param name="onFold">Called after each fold, in order.</param>
    /// <param name="onEpoch">Called after each epoch of each fold with the fold number (1-based).</param>
    /// <param name="logger">Receives the trainers' epoch lines and warnings.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    public static CrossValidationResult Run(CsvSource source, RunConfig config, int folds, Action<FoldResult>? onFold = null,
        Action<int, FitEpoch>? onEpoch = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(config);
        source.Validate();
        config.Validate();
        TabularFrame frame = TabularCsv.Load(source.Path, RunDataLoader.Loading(source));
        return Run(frame, source, config, folds, onFold, onEpoch, logger, cancellationToken);
    }

    /// <summary>The same on a table already loaded with <see cref="RunDataLoader.Loading"/>.</summary>
    public static CrossValidationResult Run(TabularFrame frame, CsvSource source, RunConfig config, int folds, Action<FoldResult>? onFold = null,
        Action<int, FitEpoch>? onEpoch = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(config);
        if (frame.Target is null) throw new CsvFormatException(frame.FilePath, 0, null, "no target column was named, so there is nothing to cross-validate");
        IReadOnlyList<SplitIndices> splits = Splits.KFold(frame.RowCount, folds, new Rng(source.SplitSeed));
        var results = new List<FoldResult>(splits.Count);
        Data.TaskKind task = frame.Target.Task;
        for (int f = 0; f < splits.Count; f++)
        {
            long start = Stopwatch.GetTimestamp();
            int fold = f + 1;
            RunData data = RunDataLoader.FromRows(frame, splits[f].Train, splits[f].Test, source, config, [],
                (train, validation, test) => string.Create(CultureInfo.InvariantCulture, $"fold {fold}: {train} train rows, {test} held out"));
            task = data.Info.Task;
            FitCallbacks? callbacks = onEpoch is null ? null : new FitCallbacks(e => onEpoch(fold, e));
            TrainingOutcome outcome = MlpTraining.Run(config, data, callbacks, logger, cancellationToken);
            Evaluation test = outcome.Test ?? throw new InvalidOperationException("a fold has a test set");
            var result = new FoldResult(fold, data.Fit.Train.Count + (data.Fit.Validation?.Count ?? 0), test.Count, test,
                Stopwatch.GetElapsedTime(start).TotalSeconds);
            results.Add(result);
            onFold?.Invoke(result);
        }
        return new CrossValidationResult(task, results);
    }
}
