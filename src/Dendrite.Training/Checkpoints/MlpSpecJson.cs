using System.Text.Json;
using Dendrite.Init;

namespace Dendrite.Training.Checkpoints;

/// <summary>
/// <see cref="MlpSpec"/> as JSON: {"inputs":784,"hidden":[256],"classes":10,"activation":"relu","init":"normal:0.01"},
/// plus "dropout":P when P &gt; 0 and "batchnorm":true when set (left out otherwise, so files of the d2l option set
/// keep their exact bytes, and older files read as no dropout, no batch norm). "activation" is any
/// <see cref="Nn.ActivationRegistry"/> name ("gelu"). The init scheme is informative only (loaded weights replace
/// it), but it is kept exactly so that a resumed run can check it asks for the same model; an unknown one reads as
/// the default.
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
            w.WriteString("activation", spec.ActivationLabel);
            w.WriteString("init", spec.Init.ToString());
            if (spec.Dropout > 0f) w.WriteNumber("dropout", spec.Dropout);
            if (spec.BatchNorm) w.WriteBoolean("batchnorm", true);
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
            string? registryName = null;
            if (!Enum.TryParse(activationName, ignoreCase: true, out ActivationKind activation) || !Enum.IsDefined(activation))
            {
                // relu/sigmoid/tanh are the enum (the fused engine's); any other registry name rides on Relu.
                if (!Nn.ActivationRegistry.TryGet(activationName, out var info))
                    throw new CheckpointFormatException($"{source}: unknown activation '{activationName}' in {CheckpointKeys.Architecture}");
                activation = ActivationKind.Relu;
                registryName = info.Name;
            }
            LinearInit init = root.TryGetProperty("init", out JsonElement i) ? ParseInit(i.GetString()) : LinearInit.Default;
            float dropout = root.TryGetProperty("dropout", out JsonElement d) ? d.GetSingle() : 0f;
            bool batchNorm = root.TryGetProperty("batchnorm", out JsonElement bn) && bn.GetBoolean();
            var spec = new MlpSpec(inputs, hidden, classes, activation, init, registryName, dropout, batchNorm);
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
        if (text is null) return LinearInit.Default;
        try
        {
            return LinearInit.Parse(text);
        }
        catch (Init.InitSchemeException)
        {
            return LinearInit.Default;
        }
    }
}
