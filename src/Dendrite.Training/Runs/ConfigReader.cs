using System.Text.Json;

namespace Dendrite.Training.Runs;

/// <summary>
/// Typed access to the keys of a config JSON, each error naming the source and the dotted key ("optimizer.lr"); keys
/// are given as full dotted paths and looked up by their last segment on the element passed in.
/// </summary>
internal sealed class ConfigReader(string source)
{
    public DendriteException Error(string key, string message) =>
        new(key.Length == 0 ? $"{source}: the run config: {message}" : $"{source}: config key '{key}' {message}");

    /// <summary>Refuses keys outside <paramref name="allowed"/> (a typo would otherwise be silently ignored).</summary>
    public void Keys(JsonElement e, string prefix, string[] allowed)
    {
        foreach (JsonProperty p in e.EnumerateObject())
            if (Array.IndexOf(allowed, p.Name) < 0) throw Error(prefix.Length == 0 ? InputText.Clip(p.Name) : $"{prefix}.{InputText.Clip(p.Name)}", "is not a known setting");
    }

    public JsonElement Object(JsonElement parent, string key)
    {
        JsonElement v = Get(parent, key);
        return v.ValueKind == JsonValueKind.Object ? v : throw Error(key, "must be an object");
    }

    public string String(JsonElement e, string key)
    {
        JsonElement v = Get(e, key);
        return v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Error(key, "must be a string");
    }

    public string? OptionalString(JsonElement e, string key)
    {
        JsonElement v = Get(e, key);
        return v.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => v.GetString(),
            _ => throw Error(key, "must be a string or null"),
        };
    }

    public int Int(JsonElement e, string key)
    {
        JsonElement v = Get(e, key);
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n) ? n : throw Error(key, "must be an integer");
    }

    public ulong ULong(JsonElement e, string key)
    {
        JsonElement v = Get(e, key);
        return v.ValueKind == JsonValueKind.Number && v.TryGetUInt64(out ulong n) ? n : throw Error(key, "must be a whole number ≥ 0");
    }

    public int[] IntArray(JsonElement e, string key)
    {
        JsonElement v = Get(e, key);
        if (v.ValueKind != JsonValueKind.Array) throw Error(key, "must be an array of integers");
        if (v.GetArrayLength() > 4096) throw Error(key, "has more than 4096 entries");
        return [.. v.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Number && x.TryGetInt32(out int n) ? n : throw Error(key, "must be an array of integers"))];
    }

    public float Float(JsonElement e, string key) => OptionalFloat(e, key) ?? throw Error(key, "must be a number");

    public float? OptionalFloat(JsonElement e, string key)
    {
        JsonElement v = Get(e, key);
        if (v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind == JsonValueKind.Number && v.TryGetSingle(out float f) && float.IsFinite(f) ? f : throw Error(key, "must be a finite number or null");
    }

    public double Double(JsonElement e, string key)
    {
        JsonElement v = Get(e, key);
        return v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double d) && double.IsFinite(d) ? d : throw Error(key, "must be a finite number");
    }

    public bool Bool(JsonElement e, string key) => Get(e, key).ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Error(key, "must be true or false"),
    };

    public T Enum<T>(JsonElement e, string key) where T : struct, System.Enum
    {
        string text = String(e, key);
        return System.Enum.TryParse(text, ignoreCase: true, out T value) && System.Enum.IsDefined(value) && !text.Any(char.IsDigit)
            ? value
            : throw Error(key, $"is '{InputText.Clip(text)}', expected one of {string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");
    }

    /// <summary>A string value read by a library parser (init schemes, schedules); its error names the key.</summary>
    public T Parse<T>(JsonElement e, string key, Func<string, T> parse) => Parse(key, String(e, key), parse);

    public T Parse<T>(string key, string text, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (DendriteException ex)
        {
            throw Error(key, $"is invalid: {InputText.Clip(ex.Message, 160)}");
        }
    }

    private JsonElement Get(JsonElement e, string key)
    {
        string name = key[(key.LastIndexOf('.') + 1)..];
        return e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) ? v : throw Error(key, "is missing");
    }
}
