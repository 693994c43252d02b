using System.Globalization;
using Dendrite.Cli.Options;
using Dendrite.Data;
using Dendrite.Data.Tabular;
using Dendrite.Init;
using Dendrite.Nn;
using Dendrite.Nn.Functional;
using Dendrite.Optim;
using Dendrite.Training;
using Dendrite.Training.Objectives;
using Dendrite.Training.Policy;
using Dendrite.Training.Runs;

namespace Dendrite.Cli.Commands;

/// <summary>
/// The option table of <c>train</c> (and, for the data and model options, of <c>cv</c>) and the mapping of flags to the
/// library's <see cref="RunConfig"/>: defaults come from <see cref="RunConfig.DefaultFor"/> and each given flag
/// overrides one setting. Value checks that belong to the library (schedules, init schemes, limits) are the
/// library's; this class only adds which flag a message is about.
/// </summary>
internal static class TrainOptions
{
    /// <summary>The option that raises the IDX reader's limit on what a file's header may claim.</summary>
    public static OptionSpec IdxLimitSpec { get; } = new("max-idx-elements", "N",
        $"refuse IDX files whose header claims more than N values (default {Data.Idx.IdxReadOptions.DefaultMaxElements:N0}; raise it for a genuine larger data set)");

    /// <summary>Options naming where the data is and how a table is read.</summary>
    public static IReadOnlyList<OptionSpec> DataSpecs { get; } =
    [
        new("data", "DIR", "folder holding the Fashion-MNIST *-ubyte(.gz) files (default: search cache and system folders)"),
        IdxLimitSpec,
        new("csv", "FILE", $"train on a table instead of Fashion-MNIST: CSV with a header row, or Parquet (recognized by its content); its defaults: {TableDefaults}"),
        new("target", "COLUMN", "with --csv: the column to predict (required)"),
        new("task", "KIND", "with --csv: classification|regression (default: detected from the target column)"),
        new("id-column", "COLUMN", "with --csv: a row-id column that is not a feature"),
        new("delimiter", "CHAR", "with --csv: field separator, e.g. ';' or tab (default: detected)"),
        new("log-target", null, "with --csv: regress on log(target) (positive targets, e.g. prices)"),
        new("split-seed", "N", "with --csv: seed of the train/test split or the folds, apart from --seed (default 0)"),
    ];

    /// <summary>The IDX reader's limits from --max-idx-elements, or null (the reader's defaults) when it is absent.</summary>
    public static Data.Idx.IdxReadOptions? IdxLimits(ParsedOptions o)
    {
        if (!o.Has("max-idx-elements")) return null;
        if (!long.TryParse(o.Get("max-idx-elements"), NumberStyles.None, CultureInfo.InvariantCulture, out long max) || max < 1)
            throw o.Error("max-idx-elements", "must be a whole number ≥ 1");
        return new Data.Idx.IdxReadOptions { MaxElements = max };
    }

    /// <summary>
    /// <paramref name="services"/> with the IDX limit of --max-idx-elements applied to Fashion-MNIST loading (the
    /// services as they are when the option is absent, so tests' injected data stays in place).
    /// </summary>
    public static CliServices WithIdxLimit(ParsedOptions o, CliServices services) =>
        IdxLimits(o) is { } limits ? services with { LoadData = (dir, log) => CliServices.LoadFashionMnist(dir, log, limits) } : services;

    /// <summary>Options of the model, the objective, the optimizer and the training policy.</summary>
    public static IReadOnlyList<OptionSpec> ModelSpecs { get; } =
    [
        new("epochs", "N", "passes over the training set (default 10; 100 with --csv)"),
        new("batch-size", "N", "mini-batch size (default 256; 64 with --csv)"),
        new("lr", "X", "learning rate (default for sgd 0.1; 0.05 with --csv; else the optimizer's own, e.g. 0.001 for adam)"),
        new("weight-decay", "X", "L2 weight decay, decoupled for adamw (default 0; adamw 0.01)"),
        new("hidden", "LIST", "hidden layer widths, e.g. 256,128, or none for softmax/linear regression (default 256; 64 with --csv)"),
        new("activation", "NAME", $"{string.Join('|', ActivationRegistry.Names)}; gated ones (glu, swiglu, geglu) double the Linear before them (default relu)"),
        new("init", "SCHEME", "normal:STD|uniform:A|xavier_uniform[:GAIN]|xavier_normal[:GAIN]|kaiming_uniform|kaiming_normal|orthogonal[:GAIN]|default (PyTorch's) (default normal:0.01; PyTorch's with --csv)"),
        new("dropout", "P", "dropout probability after every hidden activation, in [0, 1) (default 0)"),
        new("batchnorm", null, "BatchNorm1d after every hidden Linear, before the activation (fused with it on the fused engine)"),
        new("optimizer", "NAME", $"{string.Join('|', OptimizerFactory.KindNames)} (default sgd)"),
        new("momentum", "X", "momentum in [0, 1) for sgd and rmsprop (default 0)"),
        new("nesterov", null, "Nesterov momentum (sgd with --momentum > 0)"),
        new("lr-schedule", "SPEC", "none|step:EPOCHS[:GAMMA]|multistep:E1,E2,…[:GAMMA]|exp:GAMMA|cosine|onecycle|plateau[:PATIENCE[:FACTOR]] " +
            "(per epoch; onecycle per step with --lr as its peak; plateau watches val loss, else train loss) (default none)"),
        new("warmup", "EPOCHS", "linear warm-up from lr/3 to lr over the first EPOCHS epochs, then the schedule (not with onecycle) (default 0)"),
        new("clip-grad", "SPEC", "norm:X (joint L2 norm ≤ X) or value:X (each |g| ≤ X), before every step (default none)"),
        new("label-smoothing", "X", "classification: label smoothing ε in [0, 1) for the training loss; uses the autograd engine (default 0)"),
        new("class-weight", "MODE", "classification: none|balanced; balanced weights each class by n / (classes · count) (default none)"),
        new("loss", "NAME", "regression: mse|huber|l1; huber is robust to outliers (δ = --huber-delta target stds) (default mse)"),
        new("huber-delta", "X", "regression: Huber's δ in standardized target units (default 1)"),
        new("val-split", "F", "hold out a seeded fraction F in (0, 1) of the training rows; reports validation metrics per epoch (default none)"),
        new("early-stopping", "PATIENCE[:MIN_DELTA]", "stop after PATIENCE epochs without a validation gain > MIN_DELTA (accuracy, or RMSE for regression) and restore the best weights (needs --val-split)"),
        new("seed", "N", "random seed for initialization, shuffling, dropout and the validation split (default 0)"),
        new("engine", "NAME", "auto|fused|autograd: fused plan or general autograd graph (default auto)"),
        new("threads", "N", "kernel threads; results are bit-identical for any value (default: all cores)"),
        new("log-format", "FORMAT", "text|json; json prints one object per line on stdout (default text)"),
        new("config", "FILE", "JSON object of options (keys without dashes, e.g. {\"epochs\": 30, \"optimizer\": \"adamw\"}); flags override it"),
    ];

    /// <summary>
    /// <paramref name="specs"/> as a command that always trains on a table describes them (cv): the table defaults
    /// only, and --csv required.
    /// </summary>
    public static IEnumerable<OptionSpec> ForTables(IEnumerable<OptionSpec> specs) => specs.Select(s => s.Name == "csv"
        ? s with { Help = $"the table: CSV with a header row, or Parquet (required); defaults for tables: {TableDefaults}" }
        : s with
        {
            Help = System.Text.RegularExpressions.Regex.Replace(s.Help.Replace("with --csv: ", "", StringComparison.Ordinal),
            @"\(default ([^;()]*(?:\([^)]*\))?[^;()]*); (?:default )?([^);]*) with --csv(;[^)]*)?\)", "(default $2$3)")
        });

    /// <summary>The whole option table of <c>train</c>.</summary>
    public static OptionParser Parser { get; } = new("train",
    [
        .. DataSpecs,
        new("test-split", "X", "with --csv: fraction of rows held out for testing (default 0.2)"),
        new("test-csv", "FILE", "with --csv: test on this table (CSV or Parquet, same columns) instead of a split"),
        new("stream", null, "with --csv: train from the file in chunks (of Parquet: row groups), in bounded memory, for tables of any size (split by line hash, shuffle buffer)"),
        new("memory-budget", "SIZE", "with --csv: stream when loading the file would need more than SIZE, e.g. 2GB or 512MB (default: half the memory available)"),
        .. ModelSpecs,
        new("out", "DIR", "run folder for config.json, metrics.csv, checkpoints and plots (default runs/<timestamp>)"),
        new("resume", "DIR", "continue the run in DIR from last.safetensors (with --epochs N to extend it)"),
        new("distributed", null, "data-parallel training over MPI: launch with mpiexec -n N; --batch-size is the global batch, each rank trains on 1/N of it; rank 0 writes the run folder"),
        new("distributed-timeout", "SECONDS", "with --distributed: a rank waiting longer than this for the others ends the job (default 120)"),
    ]);

    /// <summary>Options that only make sense with --csv.</summary>
    public static IReadOnlyList<string> CsvOnly { get; } = ["target", "task", "id-column", "delimiter", "log-target", "split-seed", "test-split", "test-csv", "stream", "memory-budget"];

    /// <summary>Options that may be given together with --resume; everything else comes from the run's config.</summary>
    public static IReadOnlyList<string> ResumeOverrides { get; } = ["resume", "epochs", "threads", "log-format", "data", "max-idx-elements", "distributed", "distributed-timeout"];

    private static readonly Dictionary<string, TrainingEngine> Engines = new()
    {
        ["auto"] = TrainingEngine.Auto, ["fused"] = TrainingEngine.Fused, ["autograd"] = TrainingEngine.Autograd,
    };

    private static readonly Dictionary<string, LogFormat> Formats = new() { ["text"] = LogFormat.Text, ["json"] = LogFormat.Json };

    private static readonly Dictionary<string, TaskKind> Tasks = new() { ["classification"] = TaskKind.Classification, ["regression"] = TaskKind.Regression };

    private static readonly Dictionary<string, RegressionLoss> Losses = new() { ["mse"] = RegressionLoss.Mse, ["huber"] = RegressionLoss.Huber, ["l1"] = RegressionLoss.L1 };

    private static readonly Dictionary<string, ClassWeighting> Weightings = new() { ["none"] = ClassWeighting.None, ["balanced"] = ClassWeighting.Balanced };

    private static string TableDefaults
    {
        get
        {
            RunConfig d = RunConfig.TableDefault(new CsvSource("", ""));
            return string.Create(CultureInfo.InvariantCulture,
                $"epochs {d.Training.Epochs}, batch-size {d.Training.BatchSize}, lr {d.Optimizer.LearningRate}, hidden {string.Join(',', d.Model.Hidden)}, init {d.Model.InitScheme}, activation {d.Model.Activation}");
        }
    }

    /// <summary>The run a fresh <c>train</c> (or <c>cv</c>) asks for: the data source's defaults, overridden by every flag given.</summary>
    public static RunConfig ToConfig(ParsedOptions o)
    {
        DataSource source = ParseSource(o);
        RunConfig d = RunConfig.DefaultFor(source);
        var config = d with
        {
            Model = d.Model with
            {
                Hidden = ParseHidden(o) ?? d.Model.Hidden,
                Activation = ParseActivation(o) ?? d.Model.Activation,
                Init = ParseInit(o) ?? d.Model.Init,
                Dropout = UnitFloat(o, "dropout", d.Model.Dropout),
                BatchNorm = o.Has("batchnorm") || d.Model.BatchNorm,
            },
            Objective = new ObjectiveSpec(
                ValueParsers.Choice(o, "class-weight", ClassWeighting.None, Weightings),
                UnitFloat(o, "label-smoothing", 0f),
                ValueParsers.Choice(o, "loss", RegressionLoss.Mse, Losses),
                ValueParsers.NonNegativeFloat(o, "huber-delta", 1f, allowZero: false)),
            Optimizer = ParseOptimizer(o, d.Optimizer),
            Policy = new TrainingPolicy(
                Schedule: Library(o, "lr-schedule", LrScheduleSpec.Parse),
                WarmupEpochs: NonNegativeInt(o, "warmup"),
                Clip: Library(o, "clip-grad", GradientClip.Parse),
                ValidationFraction: ParseValSplit(o),
                EarlyStopping: Library(o, "early-stopping", EarlyStoppingSpec.Parse)),
            Training = d.Training with
            {
                Epochs = ValueParsers.PositiveInt(o, "epochs", d.Training.Epochs),
                BatchSize = ValueParsers.PositiveInt(o, "batch-size", d.Training.BatchSize),
                Engine = ValueParsers.Choice(o, "engine", d.Training.Engine, Engines),
            },
            Seed = ValueParsers.NonNegativeLong(o, "seed", d.Seed),
        };
        Check(o, config);
        return config;
    }

    /// <summary>A stored run's config with the overrides a resume allows (--epochs, and --data for a moved image folder).</summary>
    public static RunConfig WithResumeOverrides(RunConfig stored, ParsedOptions o)
    {
        ArgumentNullException.ThrowIfNull(stored);
        RunConfig config = stored with { Training = stored.Training with { Epochs = ValueParsers.PositiveInt(o, "epochs", stored.Training.Epochs) } };
        if (o.Get("data") is { } data)
        {
            if (stored.Data is not FashionMnistSource) throw new UsageException("--data applies to image runs; this run trains on a table", o.HelpCommand);
            if (!Directory.Exists(data)) throw o.Error("data", "must be an existing folder");
            config = config with { Data = new FashionMnistSource(Path.GetFullPath(data)) };
        }
        // A data folder that has since moved is dropped: the default search then finds the data.
        else if (config.Data is FashionMnistSource { Folder: { } folder } && !Directory.Exists(folder))
            config = config with { Data = new FashionMnistSource() };
        return config;
    }

    public static int ParseThreads(ParsedOptions o)
    {
        int threads = ValueParsers.PositiveInt(o, "threads", Environment.ProcessorCount);
        if (threads > Kernels.Threading.KernelThreads.MaxCount)
            throw o.Error("threads", $"must be from 1 to {Kernels.Threading.KernelThreads.MaxCount}");
        return threads;
    }

    public static LogFormat ParseFormat(ParsedOptions o) => ValueParsers.Choice(o, "log-format", LogFormat.Text, Formats);

    private static DataSource ParseSource(ParsedOptions o)
    {
        string? csv = o.Get("csv");
        if (csv is null)
        {
            foreach (string name in CsvOnly)
                if (o.Has(name)) throw new UsageException($"--{name} needs --csv FILE", o.HelpCommand);
            string? data = o.Get("data");
            if (data is not null && !Directory.Exists(data)) throw o.Error("data", "must be an existing folder");
            return new FashionMnistSource(data is null ? null : Path.GetFullPath(data));
        }
        if (o.Has("data")) throw new UsageException("--data does not apply to CSV training (--csv)", o.HelpCommand);
        if (!File.Exists(csv)) throw o.Error("csv", "must be an existing file");
        string target = o.Get("target") ?? throw new UsageException("--target COLUMN is required with --csv", o.HelpCommand);
        string? testCsv = o.Get("test-csv");
        if (testCsv is not null && !File.Exists(testCsv)) throw o.Error("test-csv", "must be an existing file");
        if (testCsv is not null && o.Has("test-split")) throw new UsageException("give --test-split or --test-csv, not both", o.HelpCommand);
        TaskKind? task = o.Has("task") ? ValueParsers.Choice(o, "task", TaskKind.Regression, Tasks) : null;
        if (o.Has("log-target") && task == TaskKind.Classification) throw new UsageException("--log-target applies to regression only", o.HelpCommand);
        return new CsvSource(Path.GetFullPath(csv), target)
        {
            IdColumn = o.Get("id-column"),
            Delimiter = ParseDelimiter(o),
            Task = task,
            TestSplit = ParseTestSplit(o),
            TestPath = testCsv is null ? null : Path.GetFullPath(testCsv),
            SplitSeed = ValueParsers.NonNegativeLong(o, "split-seed", 0),
            LogTarget = o.Has("log-target"),
            Stream = o.Has("stream") || StreamingNeeded(o, csv),
        };
    }

    /// <summary>
    /// Bytes of memory a table takes to load and preprocess in memory per byte of CSV text: `train --csv` on the
    /// 1,000,000-row bench table (172 MB) peaks at 286 MB, 1.7 per byte (it was 10 when every cell was a string, and
    /// 2.6 while numbers were doubles); 4 leaves room for one-hot columns, which can be wider in the matrix than in
    /// the text.
    /// </summary>
    public const long InMemoryBytesPerFileByte = 4;

    /// <summary>
    /// Bytes of memory a Parquet table takes to load and preprocess in memory per cell (measured: 459 MB peak for
    /// 500,000 × 22 cells in 5 row groups, against 343 MB for the same table as a 202 MB CSV): numbers are kept as
    /// doubles, decoded a row group at a time through nullable buffers, then transformed to float32. Parquet compresses
    /// too well for its file size to say anything, so the footer's rows × columns are counted instead.
    /// </summary>
    public const long InMemoryBytesPerParquetCell = 48;

    /// <summary>
    /// Whether loading <paramref name="csv"/> whole would exceed --memory-budget (default: half the memory the
    /// runtime may use, which honours a container limit or DOTNET_GCHeapHardLimit).
    /// </summary>
    private static bool StreamingNeeded(ParsedOptions o, string csv)
    {
        long budget = o.Has("memory-budget")
            ? ValueParsers.ByteSize(o, "memory-budget")
            : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2;
        if (TabularParquet.IsParquet(csv))
        {
            (long rows, int columns) = TabularParquet.ReadShape(csv);
            return rows * columns > budget / InMemoryBytesPerParquetCell;
        }
        long size = new FileInfo(csv).Length;
        return size > budget / InMemoryBytesPerFileByte;
    }

    /// <summary>Checks that name a flag: combinations the library would refuse with a message about settings.</summary>
    private static void Check(ParsedOptions o, RunConfig config)
    {
        if (config.Policy.WarmupEpochs > 0 && config.Policy.Schedule?.Kind == LrScheduleKind.OneCycle)
            throw o.Error("warmup", "does not combine with --lr-schedule onecycle, which warms up by itself");
        if (config.Policy.EarlyStopping is not null && config.Policy.ValidationFraction == 0)
            throw o.Error("early-stopping", "needs --val-split to hold out a validation set");
        if (config.Objective.LabelSmoothing > 0f && config.Training.Engine == TrainingEngine.Fused)
            throw o.Error("label-smoothing", "runs on the autograd engine only (drop --engine fused)");
        if (config.Training.Engine == TrainingEngine.Fused && !ActivationRegistry.IsFusable(ActivationRegistry.Create(config.Model.Activation)))
            throw o.Error("activation", $"{config.Model.Activation} runs on the autograd engine only (drop --engine fused; it fuses {string.Join(", ", FusedActivationNames)})");
        if (config.Data is CsvSource { Task: { } task })
        {
            if (task == TaskKind.Regression && o.Has("class-weight")) throw new UsageException("--class-weight applies to classification only", o.HelpCommand);
            if (task == TaskKind.Regression && o.Has("label-smoothing")) throw new UsageException("--label-smoothing applies to classification only", o.HelpCommand);
            if (task == TaskKind.Classification && (o.Has("loss") || o.Has("huber-delta")))
                throw new UsageException("--loss applies to regression only (classification uses cross-entropy)", o.HelpCommand);
        }
        if (config.Data is FashionMnistSource && (o.Has("loss") || o.Has("huber-delta")))
            throw new UsageException("--loss applies to regression (a --csv table); Fashion-MNIST is classification", o.HelpCommand);
        try
        {
            config.Validate();
        }
        catch (DendriteException e)
        {
            throw new UsageException(e.Message, o.HelpCommand);
        }
    }

    /// <summary>
    /// The checks that need the data: settings of the other task (--loss for a detected classification target,
    /// --class-weight or --label-smoothing for a detected regression one) and the model's size for the data's widths,
    /// each naming its flag, before a run folder is made.
    /// </summary>
    public static void CheckForData(ParsedOptions o, RunConfig config, RunData data)
    {
        Data.TaskKind task = data.Info.Task;
        if (task == Data.TaskKind.Regression)
        {
            foreach (string name in new[] { "class-weight", "label-smoothing" })
                if (o.Has(name)) throw new UsageException($"{o.Label(name)} applies to classification only; '{data.Info.TargetName}' was read as regression (--task)", o.HelpCommand);
        }
        else if (o.Has("loss") || o.Has("huber-delta"))
            throw new UsageException($"{o.Label(o.Has("loss") ? "loss" : "huber-delta")} applies to regression only (classification uses cross-entropy); the target was read as classification (--task)", o.HelpCommand);
        try
        {
            config.Objective.CheckApplies(task);
            config.Model.ForData(data.Fit.Train.FeatureCount, data.Outputs).Validate();
        }
        catch (DendriteException e)
        {
            throw new UsageException($"{e.Message} (--hidden, --activation)", o.HelpCommand);
        }
    }

    /// <summary>The registry activations the fused engine runs (with their default parameters).</summary>
    private static IEnumerable<string> FusedActivationNames =>
        ActivationRegistry.Names.Where(n => ActivationRegistry.IsFusable(ActivationRegistry.Create(n)));

    private static OptimizerSettings ParseOptimizer(ParsedOptions o, OptimizerSettings defaults)
    {
        OptimizerKind kind = OptimizerKind.Sgd;
        if (o.Get("optimizer") is { } name && !OptimizerFactory.TryParseKind(name, out kind))
            throw o.Error("optimizer", "must be one of " + string.Join("|", OptimizerFactory.KindNames));
        bool sgd = kind == OptimizerKind.Sgd;
        float? momentum = null;
        if (o.Has("momentum"))
        {
            if (!(sgd || kind == OptimizerKind.RmsProp)) throw o.Error("momentum", "applies to sgd and rmsprop only");
            momentum = UnitFloat(o, "momentum", 0f);
        }
        bool nesterov = o.Has("nesterov");
        if (nesterov && !(sgd && momentum > 0f))
            throw new UsageException("--nesterov needs --optimizer sgd and --momentum > 0", o.HelpCommand);
        // Without --lr/--weight-decay each optimizer keeps its own default (adam: lr 0.001; adamw: weight decay 0.01);
        // sgd has no default learning rate, so it keeps the data source's (0.1 for d2l, 0.05 for a table).
        float? lr = o.Has("lr") || sgd ? ValueParsers.NonNegativeFloat(o, "lr", defaults.LearningRate ?? 0.1f, allowZero: false) : null;
        float? wd = o.Has("weight-decay") || sgd ? ValueParsers.NonNegativeFloat(o, "weight-decay", defaults.WeightDecay ?? 0f, allowZero: true) : null;
        return new OptimizerSettings(kind, lr, wd, momentum, Nesterov: nesterov);
    }

    private static int[]? ParseHidden(ParsedOptions o)
    {
        string? s = o.Get("hidden");
        if (s is null) return null;
        if (string.Equals(s.Trim(), "none", StringComparison.OrdinalIgnoreCase)) return [];
        string[] parts = s.Split(',');
        var sizes = new int[parts.Length];
        int max = Nn.Configs.ModelLimits.Default.MaxWidth;
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] <= 0 || sizes[i] > max)
                throw o.Error("hidden", $"must be 'none' or comma-separated widths from 1 to {max}");
        }
        return sizes;
    }

    private static string? ParseActivation(ParsedOptions o)
    {
        string? s = o.Get("activation");
        if (s is null) return null;
        return ActivationRegistry.TryGet(s.Trim(), out ActivationInfo? info)
            ? info.Name
            : throw o.Error("activation", "must be one of " + string.Join("|", ActivationRegistry.Names));
    }

    private static LinearInit? ParseInit(ParsedOptions o)
    {
        string? s = o.Get("init");
        if (s is null) return null;
        try
        {
            var init = LinearInit.Parse(s);
            // A zero-width init makes every hidden unit identical (and stuck): a mistake, as the CLI has always said.
            if (init == LinearInit.Normal(0f) || init == LinearInit.Uniform(0f)) throw new InitSchemeException("zero init");
            return init;
        }
        catch (InitSchemeException)
        {
            throw o.Error("init", "must be one of " + string.Join(", ", LinearInit.SchemeNames));
        }
    }

    /// <summary>A value parsed by a library parser; its message gets the flag's name.</summary>
    private static T? Library<T>(ParsedOptions o, string name, Func<string, T?> parse) where T : class
    {
        string? text = o.Get(name);
        if (text is null) return null;
        try
        {
            return parse(text);
        }
        catch (DendriteException e)
        {
            throw new UsageException($"{o.Label(name)}: {e.Message}", o.HelpCommand);
        }
    }

    private static double ParseValSplit(ParsedOptions o)
    {
        string? text = o.Get("val-split");
        if (text is null) return 0;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double f) || !(f > 0 && f < 1))
            throw o.Error("val-split", "must be a fraction in (0, 1)");
        return f;
    }

    private static double ParseTestSplit(ParsedOptions o)
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

    /// <summary>A float in [0, 1).</summary>
    private static float UnitFloat(ParsedOptions o, string name, float fallback)
    {
        string? text = o.Get(name);
        if (text is null) return fallback;
        if (!ValueParsers.TryFloat(text, out float v) || !(v >= 0f && v < 1f)) throw o.Error(name, "must be a number in [0, 1)");
        return v;
    }

    private static int NonNegativeInt(ParsedOptions o, string name)
    {
        string? text = o.Get(name);
        if (text is null) return 0;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v)) throw o.Error(name, "must be a non-negative integer");
        return v;
    }
}
