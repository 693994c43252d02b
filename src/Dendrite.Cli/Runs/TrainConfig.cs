using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dendrite.Cli.Commands;
using Dendrite.Optim;
using Dendrite.Training;
using Dendrite.Training.Checkpoints;
using Dendrite.Training.Runs;

namespace Dendrite.Cli.Runs;

/// <summary>
/// config.json of a run: the fully resolved train options (under "options", named as on the command line, so a
/// resumed run re-parses them with the same validation), the seed, the version, the architecture and how
/// best.safetensors is chosen. The same text is stored in every checkpoint's "dendrite.config". The toolbox options
/// (optimizer, schedule, regularization, validation, early stopping) are written in their resolved, canonical form
/// when they are in use, flags as true, so a resumed run rebuilds exactly the same setup.
/// </summary>
internal static class TrainConfig
{
    public static string Write(TrainSettings s, TrainExtraSettings x, MlpSpec spec, string runFolder)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            // Plain '+' in versions and non-ASCII in paths; the text is a file, not HTML.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            w.WriteStartObject();
            w.WriteString("dendrite_version", Cli.Version());
            w.WriteString("command", "train");
            w.WriteNumber("seed", s.Seed);
            w.WriteString("run_folder", runFolder);
            w.WriteStartObject("options");
            w.WriteNumber("epochs", s.Epochs);
            w.WriteNumber("batch-size", s.BatchSize);
            // Null lr/weight decay: the optimizer's own default (adam's lr 0.001), which a resume leaves alone too.
            if (x.Optimizer.LearningRate is { } lr) w.WriteNumber("lr", lr);
            if (x.Optimizer.WeightDecay is { } wd) w.WriteNumber("weight-decay", wd);
            w.WriteString("hidden", s.Hidden.Count == 0 ? "none" : string.Join(",", s.Hidden));
            w.WriteString("activation", spec.ActivationLabel);
            w.WriteString("init", s.Init.ToString());
            w.WriteNumber("seed", s.Seed);
            if (s.DataDirectory is null) w.WriteNull("data");
            else w.WriteString("data", Path.GetFullPath(s.DataDirectory));
            w.WriteNumber("threads", s.Threads);
            w.WriteString("engine", s.Engine.ToString().ToLowerInvariant());
            w.WriteString("log-format", s.LogFormat.ToString().ToLowerInvariant());
            WriteToolbox(w, x);
            w.WriteEndObject();
            w.WritePropertyName("architecture");
            w.WriteRawValue(MlpSpecJson.Write(spec));
            w.WriteString("optimizer", OptimizerFactory.NameOf(x.Optimizer.Kind));
            bool validation = x.Policy.ValidationFraction > 0;
            w.WriteString("selection_metric", SelectionMetric.Name(validation));
            w.WriteString("selection_note", SelectionMetric.Note(validation));
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The toolbox options in use, as the option parser reads them back.</summary>
    private static void WriteToolbox(Utf8JsonWriter w, TrainExtraSettings x)
    {
        if (x.Dropout > 0f) w.WriteNumber("dropout", x.Dropout);
        if (x.BatchNorm) w.WriteBoolean("batchnorm", true);
        w.WriteString("optimizer", OptimizerFactory.NameOf(x.Optimizer.Kind));
        if (x.Optimizer.Momentum is { } m) w.WriteNumber("momentum", m);
        if (x.Optimizer.Nesterov) w.WriteBoolean("nesterov", true);
        var p = x.Policy;
        if (p.Schedule is { } schedule) w.WriteString("lr-schedule", TrainExtraOptions.FormatSchedule(schedule));
        if (p.WarmupEpochs > 0) w.WriteNumber("warmup", p.WarmupEpochs);
        if (p.Clip is { } clip) w.WriteString("clip-grad", FormattableString.Invariant($"{clip.Kind.ToString().ToLowerInvariant()}:{clip.Threshold:R}"));
        if (p.LabelSmoothing > 0f) w.WriteNumber("label-smoothing", p.LabelSmoothing);
        if (p.ValidationFraction > 0) w.WriteNumber("val-split", (float)p.ValidationFraction);
        if (p.EarlyStopping is { } e) w.WriteString("early-stopping", FormattableString.Invariant($"{e.Patience}:{(float)e.MinDelta:R}"));
    }

    /// <summary>
    /// The "options" object as option name → raw string value. Null and false values are left out; true marks a
    /// flag that was given (present, no value).
    /// </summary>
    public static Dictionary<string, string?> ReadOptions(string json, string source)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var result = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (JsonProperty p in doc.RootElement.GetProperty("options").EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.True)
                {
                    result[p.Name] = null;
                    continue;
                }
                string? value = p.Value.ValueKind switch
                {
                    JsonValueKind.Null or JsonValueKind.False => null,
                    JsonValueKind.String => p.Value.GetString(),
                    JsonValueKind.Number => p.Value.GetRawText(),
                    _ => throw new FormatException($"option '{p.Name}' has a {p.Value.ValueKind} value"),
                };
                if (value is not null) result[p.Name] = value;
            }
            return result;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new CheckpointFormatException($"{source}: unreadable run options in {CheckpointKeys.Config}: {e.Message}", e);
        }
    }

    /// <summary>Formats a count for notes.</summary>
    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
