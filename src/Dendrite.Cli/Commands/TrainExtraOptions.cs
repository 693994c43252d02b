using System.Globalization;
using Dendrite.Cli.Options;
using Dendrite.Nn;
using Dendrite.Nn.Fused;
using Dendrite.Optim;
using Dendrite.Training;
using Dendrite.Training.Policy;

namespace Dendrite.Cli.Commands;

/// <summary>
/// The option table and parsing of <c>train</c>'s model and optimization toolbox (activation names, dropout,
/// batch norm, optimizers, schedules, clipping, label smoothing, validation split, early stopping, config file).
/// </summary>
internal static class TrainExtraOptions
{
    public static IReadOnlyList<OptionSpec> Specs { get; } =
    [
        new("dropout", "P", "dropout probability after every hidden activation, in [0, 1) (default 0)"),
        new("batchnorm", null, "BatchNorm1d after every hidden Linear, before the activation (fused with it on the fused engine)"),
        new("optimizer", "NAME", $"{string.Join('|', OptimizerFactory.KindNames)} (default sgd)"),
        new("momentum", "X", "momentum in [0, 1) for sgd and rmsprop (default 0)"),
        new("nesterov", null, "Nesterov momentum (sgd with --momentum > 0)"),
        new("lr-schedule", "SPEC", "none|step:EPOCHS[:GAMMA]|multistep:E1,E2,…[:GAMMA]|exp:GAMMA|cosine|onecycle|plateau[:PATIENCE[:FACTOR]] " +
            "(per epoch; onecycle per step with --lr as its peak; plateau watches val loss, else train loss) (default none)"),
        new("warmup", "EPOCHS", "linear warm-up from lr/3 to lr over the first EPOCHS epochs, then the schedule (not with onecycle) (default 0)"),
        new("clip-grad", "SPEC", "norm:X (joint L2 norm ≤ X) or value:X (each |g| ≤ X), before every step (default none)"),
        new("label-smoothing", "X", "label smoothing ε in [0, 1) for the training loss; forces the autograd engine (default 0)"),
        new("val-split", "F", "hold out a seeded fraction F in (0, 1) of the training set; reports val_acc per epoch (default none)"),
        new("early-stopping", "PATIENCE[:MIN_DELTA]", "stop after PATIENCE epochs without val accuracy gain > MIN_DELTA, restore the best weights (needs --val-split)"),
        new("config", "FILE", "JSON object of options (keys without dashes, e.g. {\"epochs\": 30, \"optimizer\": \"adamw\"}); flags override it"),
    ];

    /// <summary>Help text of --activation.</summary>
    public static string ActivationHelp { get; } =
        $"{string.Join('|', ActivationRegistry.Names)}; gated ones (glu, swiglu, geglu) double the Linear before them (default relu)";

    private static readonly Dictionary<string, ActivationKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["relu"] = ActivationKind.Relu, ["sigmoid"] = ActivationKind.Sigmoid, ["tanh"] = ActivationKind.Tanh,
    };

    /// <summary>relu/sigmoid/tanh as the enum (the original three); any other registry name maps to Relu here
    /// and is carried by <see cref="TrainExtraSettings.ActivationName"/>.</summary>
    public static ActivationKind ParseActivationKind(ParsedOptions o, ActivationKind fallback)
    {
        string? s = o.Get("activation");
        if (s is null) return fallback;
        if (Kinds.TryGetValue(s.Trim(), out var kind)) return kind;
        if (ActivationRegistry.TryGet(s.Trim(), out _)) return ActivationKind.Relu;
        throw o.Error("activation", "must be one of " + string.Join("|", ActivationRegistry.Names));
    }

    public static TrainExtraSettings ToSettings(ParsedOptions o, TrainSettings s)
    {
        string? act = o.Get("activation")?.Trim().ToLowerInvariant();
        string? activationName = act is null || Kinds.ContainsKey(act) ? null : ActivationRegistry.Get(act).Name;
        float dropout = UnitFloat(o, "dropout", 0f);
        var policy = new TrainingPolicy(
            Schedule: ParseSchedule(o),
            WarmupEpochs: NonNegativeInt(o, "warmup"),
            Clip: ParseClip(o),
            LabelSmoothing: UnitFloat(o, "label-smoothing", 0f),
            ValidationFraction: ParseValSplit(o),
            EarlyStopping: ParseEarlyStopping(o));
        if (policy.WarmupEpochs > 0 && policy.Schedule?.Kind == LrScheduleKind.OneCycle)
            throw o.Error("warmup", "does not combine with --lr-schedule onecycle, which warms up by itself");
        if (policy.EarlyStopping is not null && policy.ValidationFraction == 0)
            throw o.Error("early-stopping", "needs --val-split to hold out a validation set");
        if (policy.LabelSmoothing > 0f && s.Engine == TrainingEngine.Fused)
            throw o.Error("label-smoothing", "runs on the autograd engine only (drop --engine fused)");
        // Refuse what the fused plan cannot run before a run folder is created rather than crash later.
        if (activationName is not null && s.Engine == TrainingEngine.Fused && !FusedMlp.IsFusable(ActivationRegistry.Create(activationName)))
            throw o.Error("activation", $"{activationName} runs on the autograd engine only (drop --engine fused; it fuses {string.Join(", ", FusedActivationNames)})");
        return new TrainExtraSettings(activationName, dropout, o.Has("batchnorm"), ParseOptimizer(o, s), policy);
    }

    /// <summary>The registry activations the fused engine runs (with their default parameters).</summary>
    private static IEnumerable<string> FusedActivationNames =>
        ActivationRegistry.Names.Where(n => FusedMlp.IsFusable(ActivationRegistry.Create(n)));

    private static OptimizerSettings ParseOptimizer(ParsedOptions o, TrainSettings s)
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
        // sgd has no default learning rate, so it keeps the d2l 0.1.
        float? lr = o.Has("lr") || sgd ? s.LearningRate : null;
        float? wd = o.Has("weight-decay") || sgd ? s.WeightDecay : null;
        return new OptimizerSettings(kind, lr, wd, momentum, Nesterov: nesterov);
    }

    private static LrScheduleSpec? ParseSchedule(ParsedOptions o)
    {
        string? text = o.Get("lr-schedule");
        if (text is null) return null;
        string[] p = text.Trim().ToLowerInvariant().Split(':');
        const string Expected = "must be none, step:EPOCHS[:GAMMA], multistep:E1,E2,…[:GAMMA], exp:GAMMA, cosine, onecycle or plateau[:PATIENCE[:FACTOR]]";
        try
        {
            LrScheduleSpec? spec = (p[0], p.Length) switch
            {
                ("none", 1) => LrScheduleSpec.None,
                ("cosine", 1) => new LrScheduleSpec(LrScheduleKind.Cosine),
                ("onecycle", 1) => new LrScheduleSpec(LrScheduleKind.OneCycle),
                ("step", 2 or 3) => new LrScheduleSpec(LrScheduleKind.Step, StepSize: Int(p[1], 1), Gamma: p.Length == 3 ? Positive(p[2]) : 0.1),
                ("multistep", 2 or 3) => new LrScheduleSpec(LrScheduleKind.MultiStep,
                    Milestones: [.. p[1].Split(',').Select(m => Int(m, 1))], Gamma: p.Length == 3 ? Positive(p[2]) : 0.1),
                ("exp", 2) => new LrScheduleSpec(LrScheduleKind.Exponential, Gamma: Positive(p[1])),
                ("plateau", >= 1 and <= 3) => new LrScheduleSpec(LrScheduleKind.Plateau, Patience: p.Length > 1 ? Int(p[1], 0) : 10,
                    Factor: p.Length > 2 ? Positive(p[2]) : 0.1),
                _ => null,
            };
            if (spec is null || (spec.Kind == LrScheduleKind.Plateau && spec.Factor >= 1)) throw o.Error("lr-schedule", Expected);
            return spec.Kind == LrScheduleKind.None ? null : spec;
        }
        catch (FormatException)
        {
            throw o.Error("lr-schedule", Expected);
        }
    }

    /// <summary>The --lr-schedule text that parses back to <paramref name="s"/> (for config.json).</summary>
    public static string FormatSchedule(LrScheduleSpec s)
    {
        ArgumentNullException.ThrowIfNull(s);
        // Gamma and factor were parsed as floats; printing them as floats gives the short text that parses back.
        string F(double v) => ((float)v).ToString("R", CultureInfo.InvariantCulture);
        string I(int v) => v.ToString(CultureInfo.InvariantCulture);
        return s.Kind switch
        {
            LrScheduleKind.None => "none",
            LrScheduleKind.Cosine => "cosine",
            LrScheduleKind.OneCycle => "onecycle",
            LrScheduleKind.Step => $"step:{I(s.StepSize)}:{F(s.Gamma)}",
            LrScheduleKind.MultiStep => $"multistep:{string.Join(',', (s.Milestones ?? []).Select(I))}:{F(s.Gamma)}",
            LrScheduleKind.Exponential => $"exp:{F(s.Gamma)}",
            LrScheduleKind.Plateau => $"plateau:{I(s.Patience)}:{F(s.Factor)}",
            _ => throw new ArgumentOutOfRangeException(nameof(s), s.Kind, "unknown schedule"),
        };
    }

    private static GradientClip? ParseClip(ParsedOptions o)
    {
        string? text = o.Get("clip-grad");
        if (text is null) return null;
        string[] p = text.Trim().ToLowerInvariant().Split(':');
        if (p.Length == 2 && ValueParsers.TryFloat(p[1], out float x) && x > 0f)
        {
            if (p[0] == "norm") return new GradientClip(GradientClipKind.Norm, x);
            if (p[0] == "value") return new GradientClip(GradientClipKind.Value, x);
        }
        throw o.Error("clip-grad", "must be norm:X or value:X with X > 0");
    }

    private static double ParseValSplit(ParsedOptions o)
    {
        string? text = o.Get("val-split");
        if (text is null) return 0;
        if (!ValueParsers.TryFloat(text, out float f) || !(f > 0f && f < 1f)) throw o.Error("val-split", "must be a fraction in (0, 1)");
        return f;
    }

    private static EarlyStoppingSpec? ParseEarlyStopping(ParsedOptions o)
    {
        string? text = o.Get("early-stopping");
        if (text is null) return null;
        string[] p = text.Trim().Split(':');
        const string Expected = "must be PATIENCE or PATIENCE:MIN_DELTA with PATIENCE ≥ 1 and MIN_DELTA ≥ 0";
        if (p.Length > 2 || !int.TryParse(p[0], NumberStyles.None, CultureInfo.InvariantCulture, out int patience) || patience < 1)
            throw o.Error("early-stopping", Expected);
        float delta = 0f;
        if (p.Length == 2 && (!ValueParsers.TryFloat(p[1], out delta) || delta < 0f)) throw o.Error("early-stopping", Expected);
        return new EarlyStoppingSpec(patience, delta);
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

    private static int Int(string text, int min) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v >= min ? v : throw new FormatException();

    private static double Positive(string text) =>
        ValueParsers.TryFloat(text, out float v) && v > 0f ? v : throw new FormatException();
}
