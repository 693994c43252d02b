using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dendrite.Data;
using Dendrite.Random;

namespace Dendrite.Training.Checkpoints;

/// <summary>JSON pieces of the checkpoint metadata: Rng states, epoch history, string lists.</summary>
public static class CheckpointJson
{
    /// <summary>A compact JSON object whose members <paramref name="body"/> writes.</summary>
    public static string Write(Action<Utf8JsonWriter> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// {"shuffle":{"s":["…","…","…","…"],"spare":null}}: 64-bit words as decimal strings (JSON numbers lose bits
    /// above 2⁵³ in many readers) and the cached normal deviate as its raw float bits, so the state is exact.
    /// </summary>
    public static string WriteRngs(IReadOnlyDictionary<string, RngState> rngs)
    {
        ArgumentNullException.ThrowIfNull(rngs);
        return Write(w =>
        {
            foreach (var (name, s) in rngs.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.WriteStartObject(name);
                w.WriteStartArray("s");
                foreach (ulong word in new[] { s.S0, s.S1, s.S2, s.S3 }) w.WriteStringValue(word.ToString(CultureInfo.InvariantCulture));
                w.WriteEndArray();
                if (s.HasSpareNormal) w.WriteNumber("spare_bits", BitConverter.SingleToUInt32Bits(s.SpareNormal));
                else w.WriteNull("spare_bits");
                w.WriteEndObject();
            }
        });
    }

    /// <summary>Reads the random streams' states written under the checkpoint's rng key; malformed JSON throws a
    /// <see cref="CheckpointFormatException"/> naming <paramref name="source"/>.</summary>
    public static Dictionary<string, RngState> ReadRngs(string json, string source) => Guard(source, CheckpointKeys.Rng, () =>
    {
        using var doc = JsonDocument.Parse(json);
        var result = new Dictionary<string, RngState>(StringComparer.Ordinal);
        foreach (JsonProperty p in doc.RootElement.EnumerateObject())
        {
            ulong[] s = p.Value.GetProperty("s").EnumerateArray()
                .Select(e => ulong.Parse(e.GetString() ?? "", NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
            if (s.Length != 4) throw new FormatException($"rng '{p.Name}' needs 4 state words, got {s.Length}");
            JsonElement spare = p.Value.GetProperty("spare_bits");
            bool has = spare.ValueKind != JsonValueKind.Null;
            result[p.Name] = new RngState(s[0], s[1], s[2], s[3], has, has ? BitConverter.UInt32BitsToSingle(spare.GetUInt32()) : 0f);
        }
        return result;
    });

    /// <summary>
    /// [{"epoch":1,"train_loss":…,"train_acc":…,"seconds":…,"test_loss":…,"test_acc":…[,"val_loss":…,"val_acc":…]}, …]
    /// with round-trip doubles and NaN as null; regression epochs carry test_rmse, test_mae, test_r2, test_log_rmse
    /// (and val_…) instead of the accuracies.
    /// </summary>
    public static string WriteHistory(IReadOnlyList<EpochResult> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (EpochResult r in history)
            {
                w.WriteStartObject();
                w.WriteNumber("epoch", r.Epoch);
                Number(w, "train_loss", r.TrainLoss);
                if (r.Test?.Task != TaskKind.Regression && r.Validation?.Task != TaskKind.Regression) Number(w, "train_acc", r.TrainAccuracy);
                Number(w, "seconds", r.Seconds);
                if (r.Test is { } test) foreach (var (name, value) in test.Metrics) Number(w, "test_" + name, value);
                if (r.Validation is { } val) foreach (var (name, value) in val.Metrics) Number(w, "val_" + name, value);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads <see cref="WriteHistory"/>'s form (and version 1's, which had test_acc and val_acc only) for a <paramref name="task"/> model.</summary>
    public static List<EpochResult> ReadHistory(string json, TaskKind task, string source) => Guard(source, CheckpointKeys.Metrics, () =>
    {
        using var doc = JsonDocument.Parse(json);
        var result = new List<EpochResult>();
        foreach (JsonElement e in doc.RootElement.EnumerateArray())
        {
            Evaluation? Part(string prefix)
            {
                var values = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (string name in Evaluation.MetricNames(task))
                    if (e.TryGetProperty(prefix + name, out _)) values[name] = Double(e, prefix + name);
                return values.Count == 0 ? null : Evaluation.FromMetrics(task, 0, values);
            }
            result.Add(new EpochResult(e.GetProperty("epoch").GetInt32(), Double(e, "train_loss"),
                e.TryGetProperty("train_acc", out _) ? Double(e, "train_acc") : double.NaN, Double(e, "seconds"), Part("test_"), Part("val_")));
        }
        return result;
    });

    /// <summary>A list of strings (e.g. class names) as a JSON array.</summary>
    public static string WriteStrings(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (string v in values) w.WriteStringValue(v);
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads a JSON array of strings written by <see cref="WriteStrings"/>; malformed JSON throws a
    /// <see cref="CheckpointFormatException"/> naming <paramref name="source"/> and <paramref name="key"/>.</summary>
    public static List<string> ReadStrings(string json, string source, string key) => Guard(source, key, () =>
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Select(e => e.GetString() ?? throw new FormatException("null entry")).ToList();
    });

    /// <summary>Named scalars (as round-trip text) as a JSON object with its keys in ordinal order.</summary>
    public static string WriteScalars(IReadOnlyDictionary<string, string> scalars) =>
        Write(w => { foreach (var (k, v) in scalars.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteString(k, v); });

    /// <summary>Reads the object <see cref="WriteScalars"/> writes; malformed JSON, a null value or a repeated key
    /// throws a <see cref="CheckpointFormatException"/> naming <paramref name="source"/>.</summary>
    public static Dictionary<string, string> ReadScalars(string json, string source) => Guard(source, CheckpointKeys.OptimizerScalars, () =>
    {
        using var doc = JsonDocument.Parse(json);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty p in doc.RootElement.EnumerateObject())
            if (!result.TryAdd(p.Name, p.Value.GetString() ?? throw new FormatException($"'{p.Name}' is null")))
                throw new FormatException($"'{InputText.Clip(p.Name)}' appears twice");
        return result;
    });

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value);
        else w.WriteNull(name);
    }

    private static double Double(JsonElement e, string name)
    {
        JsonElement v = e.GetProperty(name);
        return v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble();
    }

    private static T Guard<T>(string source, string key, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new CheckpointFormatException($"{source}: unreadable {key}: {(e is JsonException j ? InputText.JsonError(j) : InputText.Clip(e.Message, 160))}", e);
        }
    }
}
