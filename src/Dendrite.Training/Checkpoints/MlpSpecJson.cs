using System.Text.Json;
using Dendrite.Init;

namespace Dendrite.Training.Checkpoints;

/// <summary>
/// <see cref="MlpSpec"/> as JSON: {"inputs":784,"hidden":[256],"classes":10,"activation":"relu","init":"normal:0.01"}.
/// The init scheme is informative only (loaded weights replace it); an unknown one reads as the default.
/// </summary>
public static class MlpSpecJson
{
    public static string Write(MlpSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return CheckpointJson.Write(w =>
        {
            w.WriteNumber("inputs", spec.Inputs);
            w.WriteStartArray("hidden");
            foreach (int h in spec.Hidden) w.WriteNumberValue(h);
            w.WriteEndArray();
            w.WriteNumber("classes", spec.Classes);
            w.WriteString("activation", spec.Activation.ToString().ToLowerInvariant());
            w.WriteString("init", spec.Init.ToString());
        });
    }

    /// <summary>Parses and validates; <paramref name="source"/> names the file in error messages.</summary>
    public static MlpSpec Read(string json, string source)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            JsonElement root = doc.RootElement;
            int inputs = root.GetProperty("inputs").GetInt32();
            int[] hidden = root.GetProperty("hidden").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            int classes = root.GetProperty("classes").GetInt32();
            string activationName = root.GetProperty("activation").GetString() ?? "";
            if (!Enum.TryParse(activationName, ignoreCase: true, out ActivationKind activation) || !Enum.IsDefined(activation))
                throw new CheckpointFormatException($"{source}: unknown activation '{activationName}' in {CheckpointKeys.Architecture}");
            LinearInit init = root.TryGetProperty("init", out JsonElement i) ? ParseInit(i.GetString()) : LinearInit.Default;
            var spec = new MlpSpec(inputs, hidden, classes, activation, init);
            spec.Validate();
            return spec;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new CheckpointFormatException($"{source}: unreadable {CheckpointKeys.Architecture}: {e.Message}", e);
        }
        catch (DendriteException e) when (e is not CheckpointFormatException)
        {
            throw new CheckpointFormatException($"{source}: invalid {CheckpointKeys.Architecture}: {e.Message}", e);
        }
    }

    private static LinearInit ParseInit(string? text)
    {
        if (text is not null && text.StartsWith("normal:", StringComparison.Ordinal) &&
            float.TryParse(text.AsSpan(7), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out float std) &&
            float.IsFinite(std) && std >= 0f)
            return LinearInit.Normal(std);
        return LinearInit.Default;
    }
}
