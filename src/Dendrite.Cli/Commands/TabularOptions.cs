using System.Globalization;
using Dendrite.Cli.Options;
using Dendrite.Data.Tabular;
using Dendrite.Training;
using Dendrite.Training.Tabular;

namespace Dendrite.Cli.Commands;

/// <summary>
/// Options of the tabular commands (<c>train --csv</c>, <c>cv</c>) and their conversion to
/// <see cref="TabularCommandSettings"/>. Tabular defaults differ from Fashion-MNIST's (see
/// <see cref="TabularSettings.Default"/>): small tables need more epochs, smaller batches and wider-than-0.01 init.
/// </summary>
internal static class TabularOptions
{
    /// <summary>Option names that only make sense with --csv (rejected by <c>train</c> without it).</summary>
    public static IReadOnlyList<string> CsvOnly { get; } = ["target", "task", "id-column", "delimiter", "test-split", "test-csv", "split-seed", "log-target", "loss"];

    private static string D(Func<TabularSettings, object> f) => Convert.ToString(f(TabularSettings.Default), CultureInfo.InvariantCulture)!;

    /// <summary>What a CSV run defaults to, for help texts.</summary>
    public static string DefaultsText { get; } =
        $"epochs {D(s => s.Epochs)}, batch-size {D(s => s.BatchSize)}, lr {D(s => s.LearningRate)}, hidden {string.Join(',', TabularSettings.Default.Hidden)}, " +
        $"init {TabularSettings.Default.Init}, activation relu";

    /// <summary>The extra options <c>train</c> accepts for a CSV run.</summary>
    public static IReadOnlyList<OptionSpec> TrainSpecs { get; } =
    [
        new("csv", "FILE", $"train on a CSV table (header row) instead of Fashion-MNIST; defaults then: {DefaultsText}"),
        .. TableSpecs(),
        new("test-split", "X", "with --csv: fraction of rows held out for testing (default 0.2)"),
        new("test-csv", "FILE", "with --csv: test on this table instead of a split (same columns; the same split for other tools)"),
    ];

    /// <summary>The option table of <c>cv</c>.</summary>
    public static IReadOnlyList<OptionSpec> CvSpecs { get; } =
    [
        new("csv", "FILE", "the CSV table (header row)"),
        .. TableSpecs(),
        new("folds", "K", "number of folds, ≥ 2 (default 5)"),
        new("epochs", "N", $"passes over each fold's training rows (default {D(s => s.Epochs)})"),
        new("batch-size", "N", $"mini-batch size (default {D(s => s.BatchSize)})"),
        new("lr", "X", $"SGD learning rate (default {D(s => s.LearningRate)})"),
        new("weight-decay", "X", "L2 weight decay (default 0)"),
        new("hidden", "LIST", $"hidden layer widths, e.g. 64,32, or none for linear/softmax regression (default {string.Join(',', TabularSettings.Default.Hidden)})"),
        new("activation", "NAME", "relu|sigmoid|tanh (default relu)"),
        new("init", "SCHEME", $"normal:STD or default (PyTorch's uniform) (default {TabularSettings.Default.Init})"),
        new("seed", "N", "random seed for initialization and shuffling (default 0)"),
        new("threads", "N", "kernel threads; results are bit-identical for any value (default: all cores)"),
        new("log-format", "FORMAT", "text|json; json prints one object per fold and a summary on stdout (default text)"),
    ];

    private static IEnumerable<OptionSpec> TableSpecs() =>
    [
        new("target", "COLUMN", "with --csv: the column to predict (required)"),
        new("task", "KIND", "with --csv: classification|regression (default: detected from the target column)"),
        new("id-column", "COLUMN", "with --csv: a row-id column that is not a feature"),
        new("delimiter", "CHAR", "with --csv: field separator, e.g. ';' or tab (default: detected)"),
        new("log-target", null, "with --csv: regress on log(target) (positive targets, e.g. prices)"),
        new("loss", "NAME", "with --csv: regression loss mse|huber (huber: δ = 1 target std, robust to outliers) (default mse)"),
        new("split-seed", "N", "with --csv: seed of the train/test split or folds, apart from --seed (default 0)"),
    ];

    private static readonly Dictionary<string, TaskKind> Tasks = new() { ["classification"] = TaskKind.Classification, ["regression"] = TaskKind.Regression };

    private static readonly Dictionary<string, LossKind> Losses = new() { ["mse"] = LossKind.Mse, ["huber"] = LossKind.Huber };

    private static readonly Dictionary<string, ActivationKind> Activations = new()
    {
        ["relu"] = ActivationKind.Relu, ["sigmoid"] = ActivationKind.Sigmoid, ["tanh"] = ActivationKind.Tanh,
    };

    private static readonly Dictionary<string, LogFormat> Formats = new() { ["text"] = LogFormat.Text, ["json"] = LogFormat.Json };

    public static TabularCommandSettings ToSettings(ParsedOptions o)
    {
        string csv = o.Get("csv") ?? throw new UsageException("--csv FILE is required", o.HelpCommand);
        if (!File.Exists(csv)) throw o.Error("csv", "must be an existing file");
        string target = o.Get("target") ?? throw new UsageException("--target COLUMN is required with --csv", o.HelpCommand);
        string? testCsv = o.Get("test-csv");
        if (testCsv is not null && !File.Exists(testCsv)) throw o.Error("test-csv", "must be an existing file");
        if (testCsv is not null && o.Has("test-split")) throw new UsageException("give --test-split or --test-csv, not both", o.HelpCommand);
        TaskKind? task = o.Has("task") ? ValueParsers.Choice(o, "task", TaskKind.Regression, Tasks) : null;
        bool logTarget = o.Has("log-target");
        if (logTarget && task == TaskKind.Classification) throw new UsageException("--log-target applies to regression only", o.HelpCommand);
        LossKind loss = ValueParsers.Choice(o, "loss", LossKind.Mse, Losses);
        if (o.Has("loss") && task == TaskKind.Classification) throw new UsageException("--loss applies to regression only (classification uses cross-entropy)", o.HelpCommand);

        var d = TabularSettings.Default;
        var training = new TabularSettings(
            Hidden: TrainOptions.ParseHidden(o) ?? d.Hidden,
            Activation: ValueParsers.Choice(o, "activation", d.Activation, Activations),
            Init: TrainOptions.ParseInit(o) ?? d.Init,
            Epochs: ValueParsers.PositiveInt(o, "epochs", d.Epochs),
            BatchSize: ValueParsers.PositiveInt(o, "batch-size", d.BatchSize),
            LearningRate: ValueParsers.NonNegativeFloat(o, "lr", d.LearningRate, allowZero: false),
            WeightDecay: ValueParsers.NonNegativeFloat(o, "weight-decay", d.WeightDecay, allowZero: true),
            Seed: ValueParsers.NonNegativeLong(o, "seed", d.Seed),
            Loss: loss,
            Preprocessing: new TabularPreprocessorOptions { LogTarget = logTarget });

        return new TabularCommandSettings(
            CsvPath: csv,
            Loading: new TabularCsvOptions
            {
                TargetColumn = target,
                IdColumn = o.Get("id-column"),
                Delimiter = ParseDelimiter(o),
                Task = task,
                // Rows without a target cannot be trained on; they are reported rather than failing the run.
                SkipRowsWithMissingTarget = true,
            },
            TestSplit: ParseFraction(o),
            SplitSeed: ValueParsers.NonNegativeLong(o, "split-seed", 0),
            TestCsvPath: testCsv,
            Folds: ValueParsers.PositiveInt(o, "folds", 5),
            Training: training,
            LogFormat: ValueParsers.Choice(o, "log-format", LogFormat.Text, Formats),
            Threads: TrainOptions.ParseThreads(o));
    }

    private static double ParseFraction(ParsedOptions o)
    {
        string? s = o.Get("test-split");
        if (s is null) return 0.2;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !(v > 0 && v < 1))
            throw o.Error("test-split", "must be a fraction between 0 and 1 (exclusive)");
        return v;
    }

    private static char? ParseDelimiter(ParsedOptions o)
    {
        string? s = o.Get("delimiter");
        if (s is null) return null;
        if (s is "tab" or "\\t") return '\t';
        if (s.Length != 1 || s[0] == '"' || char.IsLetterOrDigit(s[0])) throw o.Error("delimiter", "must be one character such as , ; | or 'tab'");
        return s[0];
    }
}
