using System.Text.Json;
using Dendrite.Nn;
using Dendrite.Nn.Configs;

namespace Dendrite.Formats.Models;

/// <summary>
/// Reads the architecture of a version-1 file, the MLP recipe
/// {"inputs":784,"hidden":[256],"classes":10,"activation":"relu","init":"normal:0.01"[,"dropout":P][,"batchnorm":true]},
/// as the layers that recipe built: Flatten, then per hidden width h a Linear (to 2h before a gated activation),
/// BatchNorm1d when set, the activation with default parameters and Dropout when P &gt; 0, then the output Linear.
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
                throw new ModelConfigException($"{source}: architecture: unknown activation '{(activation.Length > 40 ? activation[..40] + "…" : activation)}'");
            float dropout = root.TryGetProperty("dropout", out JsonElement d) ? d.GetSingle() : 0f;
            bool batchNorm = root.TryGetProperty("batchnorm", out JsonElement bn) && bn.GetBoolean();
            var layers = new List<LayerConfig> { new FlattenConfig() };
            int width = inputs;
            foreach (int h in hidden)
            {
                int linearOut = info.IsGated ? checked(2 * h) : h;
                layers.Add(new LinearConfig(width, linearOut));
                if (batchNorm) layers.Add(new BatchNorm1dConfig(linearOut));
                layers.Add(new ActivationConfig(info.Name, info.Parameters.ToDictionary(p => p.Name, p => p.Default)));
                if (dropout > 0f) layers.Add(new DropoutConfig(dropout));
                width = h;
            }
            layers.Add(new LinearConfig(width, classes));
            return new SequentialConfig(layers);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new ModelConfigException($"{source}: unreadable version-1 architecture: {e.Message}", e);
        }
    }
}
