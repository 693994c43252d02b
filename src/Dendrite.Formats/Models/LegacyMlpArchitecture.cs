using System.Text.Json;
using Dendrite.Nn;
using Dendrite.Nn.Configs;

namespace Dendrite.Formats.Models;

/// <summary>
/// Reads the architecture of a version-1 file, the MLP recipe
/// {"inputs":784,"hidden":[256],"classes":10,"activation":"relu","init":"normal:0.01"[,"dropout":P][,"batchnorm":true]},
/// as the layers that recipe built (<see cref="MlpSpec.ToConfig"/>).
/// </summary>
public static class LegacyMlpArchitecture
{
    /// <summary>The layer description of a version-1 architecture; <paramref name="source"/> names the file in errors.</summary>
    /// <exception cref="ModelConfigException">unreadable JSON, a missing key, or an unknown activation.</exception>
    public static SequentialConfig Read(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            JsonElement root = doc.RootElement;
            int inputs = root.GetProperty("inputs").GetInt32();
            JsonElement hiddenArray = root.GetProperty("hidden");
            if (hiddenArray.GetArrayLength() > ModelLimits.Default.MaxLayers)
                throw new ModelConfigException($"{source}: architecture has {hiddenArray.GetArrayLength()} hidden layers, more than {ModelLimits.Default.MaxLayers}");
            int[] hidden = [.. hiddenArray.EnumerateArray().Select(e => e.GetInt32())];
            int classes = root.GetProperty("classes").GetInt32();
            string activation = root.GetProperty("activation").GetString() ?? "";
            if (!ActivationRegistry.TryGet(activation, out ActivationInfo? info))
                throw new ModelConfigException($"{source}: architecture: unknown activation '{InputText.Clip(activation)}'");
            float dropout = root.TryGetProperty("dropout", out JsonElement d) ? d.GetSingle() : 0f;
            bool batchNorm = root.TryGetProperty("batchnorm", out JsonElement bn) && bn.GetBoolean();
            var spec = new MlpSpec(inputs, hidden, classes, info.Name, null, dropout, batchNorm);
            if (inputs < 1 || classes < 1) throw new ModelConfigException($"{source}: architecture: inputs {inputs} and classes {classes} must be ≥ 1");
            try
            {
                spec.Validate();
            }
            catch (ModelConfigException e)
            {
                throw new ModelConfigException($"{source}: architecture: {e.Message}", e);
            }
            return spec.ToConfig();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new ModelConfigException($"{source}: unreadable version-1 architecture: {(e is JsonException j ? InputText.JsonError(j) : InputText.Clip(e.Message))}", e);
        }
    }
}
