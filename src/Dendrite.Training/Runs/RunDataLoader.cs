using System.Globalization;
using Dendrite.Data;
using Dendrite.Data.Tabular;
using Dendrite.Training.Models;
using Dendrite.Training.Policy;

namespace Dendrite.Training.Runs;

/// <summary>
/// Prepares a run's data from its <see cref="RunConfig"/>: the validation split (seeded by <see cref="RunSeeds.Split"/>,
/// recomputed identically on resume) and, for a table, the train/test split, the preprocessing fitted on the
/// training part only (so nothing leaks from validation or test rows) and the transform of every part.
/// </summary>
public static class RunDataLoader
{
    /// <summary>Images already loaded (Fashion-MNIST or a folder of its files), named by <paramref name="classNames"/>.</summary>
    public static RunData FromImages(FashionMnistData data, RunConfig config, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        int classes = Math.Max(data.Train.ClassCount, data.Test.ClassCount);
        classNames ??= classes == FashionMnist.ClassNames.Count ? FashionMnist.ClassNames : ModelInfo.DefaultClassNames(classes);
        string description = string.Create(CultureInfo.InvariantCulture, $"{data.Source} ({data.Train.Count:N0} train, {data.Test.Count:N0} test)");
        return FromDatasets(data.Train, data.Test, config, ModelInfo.Classifier(classNames, ImageInput.ForPixels(data.Train.FeatureCount)), description);
    }

    /// <summary>
    /// Sets already in memory (classification with labels, or regression with targets): the validation split of the
    /// config's policy is taken from <paramref name="train"/>. <paramref name="info"/> defaults to plain feature rows
    /// and class names "0", "1", ….
    /// </summary>
    public static RunData FromDatasets(InMemoryDataset train, InMemoryDataset? test, RunConfig config, ModelInfo? info = null, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(config);
        info ??= train.IsRegression
            ? new ModelInfo(TaskKind.Regression, null, new FeatureInput(train.FeatureCount))
            : ModelInfo.Classifier(ModelInfo.DefaultClassNames(Math.Max(train.ClassCount, test?.ClassCount ?? 0)), new FeatureInput(train.FeatureCount));
        var (fit, validation) = Validation(train, config);
        description ??= string.Create(CultureInfo.InvariantCulture, $"{train.Count:N0} train, {test?.Count ?? 0:N0} test samples");
        return new RunData(new FitData(fit, validation, test), info, description, []);
    }

    /// <summary>
    /// A CSV table: loads it, splits off the test rows (or reads <see cref="CsvSource.TestPath"/> exactly as the
    /// training file was read), holds out the validation rows, fits the preprocessing on the rest and transforms every part.
    /// </summary>
    public static RunData FromCsv(CsvSource source, RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(config);
        source.Validate();
        if (source.Stream) return FromCsvChunks(source, config);
        TabularCsvOptions loading = Loading(source);
        TabularFrame frame = TabularCsv.Load(source.Path, loading);
        var notes = new List<string>();
        Skipped(notes, source.Path, frame.SkippedLines);
        if (source.TestPath is null)
        {
            SplitIndices split = Splits.TrainTest(frame.RowCount, source.TestSplit, new Random.Rng(source.SplitSeed));
            return FromRows(frame, split.Train, split.Test, source, config, notes,
                (train, validation, test) => Inv($"{source.Path}: {train} train rows{Val(validation)}, {test} test rows (test split {source.TestSplit}, split seed {source.SplitSeed})"));
        }
        return FromRows(frame, [.. Enumerable.Range(0, frame.RowCount)], null, source, config, notes,
            (train, validation, test) => Inv($"{source.Path}: {train} train rows{Val(validation)}; {source.TestPath}: {test} test rows"));
    }

    /// <summary>Rows of the training sample a streamed run keeps in memory for shape, label and objective checks.</summary>
    private const int StreamSampleRows = 1024;

    /// <summary>
    /// A CSV table streamed in chunks (<see cref="CsvSource.Stream"/>): the preprocessing is fitted by streaming passes
    /// over the training rows (the same statistics the in-memory fit computes for the same rows), the validation and
    /// test rows are transformed into memory, and the training rows are read anew, chunk by chunk, every epoch. Rows
    /// are split by a seeded hash of their file line (<see cref="Splits.Hashed"/>): test when below the test split,
    /// else validation when a second hash is below the validation fraction.
    /// </summary>
    private static RunData FromCsvChunks(CsvSource source, RunConfig config)
    {
        TabularCsvOptions loading = Loading(source);
        TabularCsvChunks chunks = TabularCsvChunks.Open(source.Path, loading);
        double validationFraction = config.Policy.ValidationFraction;
        ulong validationSeed = new RunSeeds(config.Seed).Split.NextUInt64();
        bool split = source.TestPath is null;
        // 0 train, 1 validation, 2 test.
        int Part(int line) =>
            split && Splits.Hashed(source.SplitSeed, line) < source.TestSplit ? 2
            : validationFraction > 0 && Splits.Hashed(validationSeed, line) < validationFraction ? 1
            : 0;
        bool IsTraining(int line) => Part(line) == 0;

        TabularStreamFit fit = chunks.Fit(IsTraining, Preprocessing(source));
        TabularPreprocessor preprocessor = fit.Preprocessor;
        int sampled = 0;
        TabularDataset?[] sets = chunks.Transform(preprocessor, line => Part(line) switch
        {
            0 => sampled++ < StreamSampleRows ? 0 : -1,
            int p => p,
        }, 3);
        var notes = new List<string>();
        Skipped(notes, source.Path, fit.SkippedLines);
        int skipped = fit.SkippedLines.Length;
        TabularDataset? testSet = sets[2];
        if (!split)
        {
            TabularCsvChunks testChunks = TabularCsvChunks.Open(source.TestPath!, preprocessor.ConfigureLoading(loading));
            testSet = testChunks.Transform(preprocessor, _ => 0, 1)[0];
        }
        if (testSet is null) throw new DendriteException($"{(split ? source.Path : source.TestPath)}: no test rows; raise the test split");
        if (preprocessor.DroppedColumns.Count > 0) notes.Add($"dropped constant columns: {string.Join(", ", preprocessor.DroppedColumns.Take(10))}");
        var stream = new StreamingTabularDataset(chunks, preprocessor, IsTraining, (int)fit.TrainingRows);
        notes.Add(Inv($"streamed in {chunks.ChunkCount} chunks of about {chunks.ChunkBytes >> 10:N0} KiB: shuffled chunk order and a {stream.ShuffleBufferRows:N0}-row shuffle buffer, not a full shuffle"));
        InMemoryDataset sample = ToDataset(sets[0]!);
        InMemoryDataset? validation = sets[1] is { } v ? ToDataset(v) : null;
        InMemoryDataset test = ToDataset(testSet);
        FittedTarget target = preprocessor.Target!;
        var input = new TableInput(preprocessor, source.IdColumn, source.Delimiter);
        var info = new ModelInfo(target.Task, target.Task == TaskKind.Classification ? target.ClassNames : null, input, target.Name);
        string description = split
            ? Inv($"{source.Path}: {fit.TrainingRows} train rows (streamed){Val(validation?.Count)}, {test.Count} test rows (test split {source.TestSplit} by line hash, split seed {source.SplitSeed})")
            : Inv($"{source.Path}: {fit.TrainingRows} train rows (streamed){Val(validation?.Count)}; {source.TestPath}: {test.Count} test rows");
        return new RunData(new FitData(sample, validation, test) { TrainStream = stream }, info, description, notes, skipped);
    }

    /// <summary>
    /// The run data of a loaded table given which rows train (<paramref name="pool"/>, before the validation split)
    /// and which test (<paramref name="testRows"/>, or the source's test file when null): the preprocessing is fitted
    /// on the training rows only. Cross-validation calls this once per fold.
    /// </summary>
    public static RunData FromRows(TabularFrame frame, int[] pool, int[]? testRows, CsvSource source, RunConfig config, List<string> notes,
        Func<int, int?, int, string> describe)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(describe);
        var (fitRows, valRows) = config.Policy.ValidationFraction > 0
            ? ValidationSplit.Indices(pool.Length, config.Policy.ValidationFraction, new RunSeeds(config.Seed).Split)
            : ([.. Enumerable.Range(0, pool.Length)], null);
        int[] trainRows = [.. fitRows.Select(i => pool[i])];
        TabularPreprocessor preprocessor = TabularPreprocessor.Fit(frame, trainRows, Preprocessing(source));
        InMemoryDataset train = ToDataset(preprocessor.Transform(frame, trainRows));
        InMemoryDataset? validation = valRows is null ? null : ToDataset(preprocessor.Transform(frame, [.. valRows.Select(i => pool[i])]));
        InMemoryDataset test;
        int skipped = frame.SkippedLines.Length;
        if (testRows is not null) test = ToDataset(preprocessor.Transform(frame, testRows));
        else
        {
            // The test file is read exactly as the training file was (fitted column kinds and task).
            TabularFrame testFrame = TabularCsv.Load(source.TestPath!, preprocessor.ConfigureLoading(Loading(source)));
            Skipped(notes, source.TestPath!, testFrame.SkippedLines);
            skipped += testFrame.SkippedLines.Length;
            test = ToDataset(preprocessor.Transform(testFrame));
        }
        if (preprocessor.DroppedColumns.Count > 0) notes.Add($"dropped constant columns: {string.Join(", ", preprocessor.DroppedColumns.Take(10))}");
        if (source.IdColumn is null && LikelyIdColumn(frame) is { } id)
            notes.Add($"note: column '{id}' looks like a row id (unique whole numbers or an id-like name) and is used as a feature; name it as the id column if it is one");
        FittedTarget target = preprocessor.Target!;
        var input = new TableInput(preprocessor, source.IdColumn, source.Delimiter);
        var info = new ModelInfo(target.Task, target.Task == TaskKind.Classification ? target.ClassNames : null, input, target.Name);
        return new RunData(new FitData(train, validation, test), info, describe(train.Count, validation?.Count, test.Count), notes, skipped);
    }

    /// <summary>How the table is read: target, id column, delimiter, forced task; rows without a target are skipped and reported.</summary>
    public static TabularCsvOptions Loading(CsvSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new TabularCsvOptions
        {
            TargetColumn = source.Target,
            IdColumn = source.IdColumn,
            Delimiter = source.Delimiter,
            Task = source.Task,
            SkipRowsWithMissingTarget = true,
        };
    }

    /// <summary>The preprocessing choices a source implies (a log target for prices).</summary>
    public static TabularPreprocessorOptions Preprocessing(CsvSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new TabularPreprocessorOptions { LogTarget = source.LogTarget };
    }

    /// <summary>A preprocessed table as a trainer's dataset: class labels, or the model-space regression target.</summary>
    public static InMemoryDataset ToDataset(TabularDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Labels is not null) return data.ToInMemoryDataset();
        float[] targets = data.Targets ?? throw new DendriteException("the table has no target values");
        return new InMemoryDataset(data.Features, data.FeatureCount, targets, 1);
    }

    /// <summary>
    /// A feature column that looks like a row id: named like one ("id", "…_id", "index"), or numeric with unique whole
    /// values on every row of a table of at least 20 rows. Null when none does.
    /// </summary>
    public static string? LikelyIdColumn(TabularFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        foreach (TabularColumn column in frame.Columns)
        {
            string name = column.Name.Trim().ToLowerInvariant();
            if (name is "id" or "index" or "row" or "rowid" || name.EndsWith("_id", StringComparison.Ordinal) || name.EndsWith(" id", StringComparison.Ordinal))
                return column.Name;
            if (column.Kind != ColumnKind.Numeric || frame.RowCount < 20) continue;
            var seen = new HashSet<double>();
            bool unique = true;
            for (int r = 0; r < frame.RowCount; r++)
            {
                double v = column.NumberAt(r);
                if (double.IsNaN(v) || v != Math.Floor(v) || !seen.Add(v))
                {
                    unique = false;
                    break;
                }
            }
            if (unique) return column.Name;
        }
        return null;
    }

    private static (InMemoryDataset Train, InMemoryDataset? Validation) Validation(InMemoryDataset train, RunConfig config) =>
        config.Policy.ValidationFraction > 0
            ? ValidationSplit.Split(train, config.Policy.ValidationFraction, new RunSeeds(config.Seed).Split)
            : (train, null);

    private static void Skipped(List<string> notes, string path, int[] lines)
    {
        if (lines.Length == 0) return;
        string list = string.Join(", ", lines.Take(10)) + (lines.Length > 10 ? ", …" : "");
        notes.Add(Inv($"skipped {lines.Length} row{(lines.Length == 1 ? "" : "s")} of {path} with a missing target (line{(lines.Length == 1 ? "" : "s")} {list})"));
    }

    private static string Val(int? validation) => validation is null ? "" : Inv($", {validation} validation rows");

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
