using System.Globalization;
using System.Text.Json;
using Dendrite.Init;
using Dendrite.Nn.Configs;
using Dendrite.Optim;
using Dendrite.Training.Objectives;
using Dendrite.Training.Policy;

namespace Dendrite.Training.Runs;

/// <summary>
/// Reads the run config of version 1, which stored the train command's options by their CLI names under "options"
/// ({"epochs":10,"batch-size":256,"lr":0.1,"hidden":"256","init":"normal:0.01","lr-schedule":"step:1:0.9",…}),
/// into a <see cref="RunConfig"/>: version 1 always trained on Fashion-MNIST (or a folder of the same files).
/// </summary>
internal static class RunConfigV1
{
    private static readonly string[] Known =
    [
        "epochs", "batch-size", "lr", "weight-decay", "hidden", "activation", "init", "seed", "data", "threads", "engine", "log-format",
        "dropout", "batchnorm", "optimizer", "momentum", "nesterov", "lr-schedule", "warmup", "clip-grad", "label-smoothing", "val-split",
        "early-stopping",
    ];

    public static RunConfig Read(JsonElement root, ConfigReader r)
    {
        if (!root.TryGetProperty("options", out JsonElement o) || o.ValueKind != JsonValueKind.Object)
            throw r.Error("", "has neither a schema_version nor version 1's options");
        r.Keys(o, "options", Known);
        string? Text(string key) => o.TryGetProperty(key, out JsonElement v) ? v.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.False => null,
            JsonValueKind.True => "true",
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => throw r.Error("options." + key, "must be a string, a number or a flag"),
        } : null;
        float? F(string key) => Text(key) is { } t
            ? float.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out float f) && float.IsFinite(f) ? f : throw r.Error("options." + key, "must be a number")
            : null;
        int? I(string key) => Text(key) is { } t
            ? int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : throw r.Error("options." + key, "must be a whole number")
            : null;
        T P<T>(string key, Func<string, T> parse, T fallback) => Text(key) is { } t ? r.Parse("options." + key, t, parse) : fallback;

        string hidden = Text("hidden") ?? "256";
        int[] widths = hidden.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) ? []
            : [.. hidden.Split(',').Select(h => int.TryParse(h.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n
                : throw r.Error("options.hidden", "must be 'none' or comma-separated widths"))];
        string optimizerName = Text("optimizer") ?? "sgd";
        if (!OptimizerFactory.TryParseKind(optimizerName, out OptimizerKind kind))
            throw r.Error("options.optimizer", $"is '{InputText.Clip(optimizerName)}', expected one of {string.Join(", ", OptimizerFactory.KindNames)}");
        string engine = Text("engine") ?? "auto";
        var config = new RunConfig
        {
            Data = new FashionMnistSource(Text("data")),
            Model = new MlpSpec(0, widths, 0, Text("activation") ?? "relu", P("init", LinearInit.Parse, LinearInit.Normal(0.01f)),
                F("dropout") ?? 0f, Text("batchnorm") == "true"),
            Objective = new ObjectiveSpec(LabelSmoothing: F("label-smoothing") ?? 0f),
            // Version 1 always wrote sgd's lr; its default, 0.1, stands in should a file lack it (sgd has no default of its own).
            Optimizer = new OptimizerSettings(kind, F("lr") ?? (kind == OptimizerKind.Sgd ? 0.1f : null), F("weight-decay"), F("momentum"),
                Nesterov: Text("nesterov") == "true"),
            Policy = new TrainingPolicy(P("lr-schedule", LrScheduleSpec.Parse, null), I("warmup") ?? 0,
                P<GradientClip?>("clip-grad", GradientClip.Parse, null), F("val-split") ?? 0, P<EarlyStoppingSpec?>("early-stopping", EarlyStoppingSpec.Parse, null)),
            Training = new TrainerOptions(I("epochs") ?? 10, I("batch-size") ?? 256, Engine: engine switch
            {
                "auto" => TrainingEngine.Auto,
                "fused" => TrainingEngine.Fused,
                "autograd" => TrainingEngine.Autograd,
                _ => throw r.Error("options.engine", $"is '{InputText.Clip(engine)}', expected auto, fused or autograd"),
            }),
            Seed = Text("seed") is { } s ? ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed) ? seed
                : throw r.Error("options.seed", "must be a whole number ≥ 0") : 0,
        };
        try
        {
            config.Validate();
        }
        catch (DendriteException e)
        {
            throw r.Error("options", $"describe an invalid run: {e.Message}");
        }
        return config;
    }
}
