using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Dendrite.Nn.Configs;

/// <summary>
/// The JSON form of a <see cref="LayerConfig"/>, with PyTorch's argument names:
/// <c>{"type":"sequential","layers":[{"type":"flatten"},{"type":"linear","in_features":784,"out_features":256,"bias":true},
/// {"type":"activation","name":"leaky_relu","negative_slope":0.2},{"type":"batchnorm1d","num_features":256,"eps":1E-05,
/// "momentum":0.1,"affine":true},{"type":"layernorm","normalized_shape":256,"eps":1E-05,"elementwise_affine":true},
/// {"type":"dropout","p":0.25}]}</c>. Floats are written in their shortest round-trip form, so a description reads
/// back equal. Reading checks the form only (types, required keys, unknown keys); sizes and limits are
/// <see cref="LayerConfig.Validate"/>'s job.
/// </summary>
public static class LayerConfigJson
{
    /// <summary>Deepest nesting of sequential layers a reader accepts.</summary>
    public const int MaxDepth = 32;

    /// <summary>Compact JSON of <paramref name="config"/>; the same description always gives the same text.</summary>
    public static string Write(LayerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer)) Write(w, config);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes <paramref name="config"/> as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, LayerConfig config)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(config);
        writer.WriteStartObject();
        writer.WriteString("type", config.Type);
        switch (config)
        {
            case SequentialConfig s:
                writer.WriteStartArray("layers");
                foreach (LayerConfig layer in s.Layers) Write(writer, layer);
                writer.WriteEndArray();
                break;
            case LinearConfig l:
                writer.WriteNumber("in_features", l.InFeatures);
                writer.WriteNumber("out_features", l.OutFeatures);
                writer.WriteBoolean("bias", l.Bias);
                break;
            case BatchNorm1dConfig b:
                writer.WriteNumber("num_features", b.NumFeatures);
                writer.WriteNumber("eps", b.Eps);
                writer.WriteNumber("momentum", b.Momentum);
                writer.WriteBoolean("affine", b.Affine);
                break;
            case LayerNormConfig n:
                writer.WriteNumber("normalized_shape", n.NormalizedShape);
                writer.WriteNumber("eps", n.Eps);
                writer.WriteBoolean("elementwise_affine", n.ElementwiseAffine);
                break;
            case DropoutConfig d:
                writer.WriteNumber("p", d.P);
                break;
            case ActivationConfig a:
                writer.WriteString("name", a.Name);
                foreach (var (key, value) in a.Parameters) writer.WriteNumber(key, value);
                break;
            case FlattenConfig:
                break;
            default:
                throw new ArgumentException($"no JSON form for {config.GetType().Name}", nameof(config));
        }
        writer.WriteEndObject();
    }

    /// <summary>Parses a description; <paramref name="source"/> (a file name) starts every error message.</summary>
    /// <exception cref="ModelConfigException">malformed JSON, an unknown type or key, or a value of the wrong kind.</exception>
    public static LayerConfig Read(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = (2 * MaxDepth) + 8 });
            return Read(doc.RootElement, source + ": architecture", 0);
        }
        catch (JsonException e)
        {
            throw new ModelConfigException($"{source}: architecture is not valid JSON: {InputText.JsonError(e)}", e);
        }
    }

    /// <summary>Parses one layer object at <paramref name="path"/>.</summary>
    public static LayerConfig Read(JsonElement e, string path, int depth)
    {
        if (e.ValueKind != JsonValueKind.Object) throw Error(path, $"expected a layer object, got {e.ValueKind}");
        if (depth > MaxDepth) throw Error(path, $"sequential layers nested deeper than {MaxDepth}");
        string type = String(e, "type", path);
        switch (type)
        {
            case "sequential":
                Keys(e, path, "layers");
                if (!e.TryGetProperty("layers", out JsonElement layers) || layers.ValueKind != JsonValueKind.Array)
                    throw Error(path, "'layers' must be an array");
                var children = new List<LayerConfig>();
                int i = 0;
                foreach (JsonElement child in layers.EnumerateArray()) children.Add(Read(child, $"{path}.layers[{i++}]", depth + 1));
                return new SequentialConfig(children);
            case "linear":
                Keys(e, path, "in_features", "out_features", "bias");
                return new LinearConfig(Int(e, "in_features", path), Int(e, "out_features", path), Bool(e, "bias", path, true));
            case "batchnorm1d":
                Keys(e, path, "num_features", "eps", "momentum", "affine");
                return new BatchNorm1dConfig(Int(e, "num_features", path), Float(e, "eps", path, 1e-5f), Float(e, "momentum", path, 0.1f),
                    Bool(e, "affine", path, true));
            case "layernorm":
                Keys(e, path, "normalized_shape", "eps", "elementwise_affine");
                return new LayerNormConfig(Int(e, "normalized_shape", path), Float(e, "eps", path, 1e-5f), Bool(e, "elementwise_affine", path, true));
            case "dropout":
                Keys(e, path, "p");
                return new DropoutConfig(Float(e, "p", path, null));
            case "flatten":
                Keys(e, path);
                return new FlattenConfig();
            case "activation":
                string name = String(e, "name", path);
                var parameters = new Dictionary<string, float>(StringComparer.Ordinal);
                foreach (JsonProperty p in e.EnumerateObject())
                    if (p.Name is not ("type" or "name")) parameters[p.Name] = Float(e, p.Name, path, null);
                return new ActivationConfig(name, parameters);
            default:
                throw Error(path, $"unknown layer type '{InputText.Clip(type)}'; expected sequential, linear, batchnorm1d, layernorm, dropout, flatten or activation");
        }
    }

    private static void Keys(JsonElement e, string path, params string[] allowed)
    {
        foreach (JsonProperty p in e.EnumerateObject())
            if (p.Name != "type" && Array.IndexOf(allowed, p.Name) < 0)
                throw Error(path, $"unknown key '{InputText.Clip(p.Name)}' for a {e.GetProperty("type").GetString()} layer");
    }

    private static string String(JsonElement e, string key, string path) =>
        e.TryGetProperty(key, out JsonElement v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw Error(path, $"'{key}' must be a string");

    private static int Int(JsonElement e, string key, string path) =>
        e.TryGetProperty(key, out JsonElement v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n)
            ? n
            : throw Error(path, $"'{key}' must be an integer that fits in 32 bits");

    private static float Float(JsonElement e, string key, string path, float? fallback)
    {
        if (!e.TryGetProperty(key, out JsonElement v))
            return fallback ?? throw Error(path, $"'{key}' is required");
        return v.ValueKind == JsonValueKind.Number && v.TryGetSingle(out float f) && float.IsFinite(f)
            ? f
            : throw Error(path, $"'{key}' must be a finite number");
    }

    private static bool Bool(JsonElement e, string key, string path, bool fallback)
    {
        if (!e.TryGetProperty(key, out JsonElement v)) return fallback;
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(path, $"'{key}' must be true or false"),
        };
    }

    private static ModelConfigException Error(string path, string message) => new($"{path}: {message}");

}
