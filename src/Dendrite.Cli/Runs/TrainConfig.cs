using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dendrite.Cli.Commands;
using Dendrite.Training;
using Dendrite.Training.Checkpoints;
using Dendrite.Training.Runs;

namespace Dendrite.Cli.Runs;

/// <summary>
/// config.json of a run: the fully resolved train options (under "options", named as on the command line, so a
/// resumed run re-parses them with the same validation), the seed, the version, the architecture and how
/// best.safetensors is chosen. The same text is stored in every checkpoint's "dendrite.config".
/// </summary>
internal static class TrainConfig
{
    public static string Write(TrainSettings s, MlpSpec spec, string runFolder)
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
            w.WriteNumber("lr", s.LearningRate);
            w.WriteNumber("weight-decay", s.WeightDecay);
            w.WriteString("hidden", s.Hidden.Count == 0 ? "none" : string.Join(",", s.Hidden));
            w.WriteString("activation", s.Activation.ToString().ToLowerInvariant());
            w.WriteString("init", s.Init.ToString());
            w.WriteNumber("seed", s.Seed);
            if (s.DataDirectory is null) w.WriteNull("data");
            else w.WriteString("data", Path.GetFullPath(s.DataDirectory));
            w.WriteNumber("threads", s.Threads);
            w.WriteString("engine", s.Engine.ToString().ToLowerInvariant());
            w.WriteString("log-format", s.LogFormat.ToString().ToLowerInvariant());
            w.WriteEndObject();
            w.WritePropertyName("architecture");
            w.WriteRawValue(MlpSpecJson.Write(spec));
            w.WriteString("optimizer", "sgd");
            w.WriteString("selection_metric", SelectionMetric.Name);
            w.WriteString("selection_note", SelectionMetric.Note);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The "options" object as option name → raw string value (null values are left out).</summary>
    public static Dictionary<string, string?> ReadOptions(string json, string source)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var result = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (JsonProperty p in doc.RootElement.GetProperty("options").EnumerateObject())
            {
                string? value = p.Value.ValueKind switch
                {
                    JsonValueKind.Null => null,
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
