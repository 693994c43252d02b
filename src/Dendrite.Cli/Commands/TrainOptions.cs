using System.Globalization;
using Dendrite.Cli.Options;
using Dendrite.Init;
using Dendrite.Training;

namespace Dendrite.Cli.Commands;

/// <summary>The option table of <c>dendrite train</c> and its conversion to <see cref="TrainSettings"/>.</summary>
internal static class TrainOptions
{
    /// <summary>Largest accepted hidden width: keeps weight matrices far from int overflow and out-of-memory.</summary>
    public const int MaxHidden = 1 << 16;

    public static OptionParser Parser { get; } = new("train",
    [
        new("epochs", "N", "passes over the training set (default 10)"),
        new("batch-size", "N", "mini-batch size (default 256)"),
        new("lr", "X", "learning rate (default 0.1 for sgd, else the optimizer's own, e.g. 0.001 for adam)"),
        new("weight-decay", "X", "L2 weight decay, decoupled for adamw (default 0; adamw 0.01)"),
        new("hidden", "LIST", "hidden layer widths, e.g. 256,128, or none for softmax regression (default 256)"),
        new("activation", "NAME", TrainExtraOptions.ActivationHelp),
        new("init", "SCHEME", "normal:STD|uniform:A|xavier_uniform[:GAIN]|xavier_normal[:GAIN]|kaiming_uniform|kaiming_normal|orthogonal[:GAIN]|default (PyTorch's) (default normal:0.01)"),
        new("seed", "N", "random seed for initialization and shuffling (default 0)"),
        new("data", "DIR", "folder holding the Fashion-MNIST *-ubyte.gz files (default: search cache and system folders)"),
        new("threads", "N", "kernel threads; results are bit-identical for any value (default: all cores)"),
        new("engine", "NAME", "auto|fused|autograd: fused plan or general autograd graph (default auto)"),
        new("log-format", "FORMAT", "text|json; json prints one object per line on stdout (default text)"),
        new("out", "DIR", "run folder for config.json, metrics.csv, checkpoints and plots (default runs/<timestamp>)"),
        new("resume", "DIR", "continue the run in DIR from last.safetensors (with --epochs N to extend it)"),
        .. TabularOptions.TrainSpecs,
        .. TrainExtraOptions.Specs,
    ]);

    private static readonly Dictionary<string, TrainingEngine> Engines = new()
    {
        ["auto"] = TrainingEngine.Auto, ["fused"] = TrainingEngine.Fused, ["autograd"] = TrainingEngine.Autograd,
    };

    private static readonly Dictionary<string, LogFormat> Formats = new() { ["text"] = LogFormat.Text, ["json"] = LogFormat.Json };

    public static TrainSettings ToSettings(ParsedOptions o)
    {
        var d = TrainSettings.D2lDefault;
        string? data = o.Get("data");
        if (data is not null && !Directory.Exists(data)) throw o.Error("data", "must be an existing folder");
        return new TrainSettings(
            Epochs: ValueParsers.PositiveInt(o, "epochs", d.Epochs),
            BatchSize: ValueParsers.PositiveInt(o, "batch-size", d.BatchSize),
            LearningRate: ValueParsers.NonNegativeFloat(o, "lr", d.LearningRate, allowZero: false),
            WeightDecay: ValueParsers.NonNegativeFloat(o, "weight-decay", d.WeightDecay, allowZero: true),
            Hidden: ParseHidden(o) ?? d.Hidden,
            Activation: TrainExtraOptions.ParseActivationKind(o, d.Activation),
            Init: ParseInit(o) ?? d.Init,
            Seed: ValueParsers.NonNegativeLong(o, "seed", d.Seed),
            DataDirectory: data,
            LogFormat: ValueParsers.Choice(o, "log-format", d.LogFormat, Formats),
            Threads: ParseThreads(o),
            Engine: ValueParsers.Choice(o, "engine", d.Engine, Engines));
    }

    internal static int ParseThreads(ParsedOptions o)
    {
        int threads = ValueParsers.PositiveInt(o, "threads", Environment.ProcessorCount);
        if (threads > Kernels.Threading.KernelThreads.MaxCount)
            throw o.Error("threads", $"must be from 1 to {Kernels.Threading.KernelThreads.MaxCount}");
        return threads;
    }

    internal static int[]? ParseHidden(ParsedOptions o)
    {
        string? s = o.Get("hidden");
        if (s is null) return null;
        if (string.Equals(s.Trim(), "none", StringComparison.OrdinalIgnoreCase)) return [];
        string[] parts = s.Split(',');
        var sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) ||
                sizes[i] <= 0 || sizes[i] > MaxHidden)
                throw o.Error("hidden", $"must be 'none' or comma-separated widths from 1 to {MaxHidden}");
        }
        return sizes;
    }

    internal static LinearInit? ParseInit(ParsedOptions o)
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
}
