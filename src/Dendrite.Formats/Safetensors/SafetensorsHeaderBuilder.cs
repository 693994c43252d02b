using System.Text;
using Dendrite.Tensors;

namespace Dendrite.Formats.Safetensors;

/// <summary>
/// Builds the JSON header exactly as the reference implementation (serde_json, compact) does, so our files are
/// byte-identical to theirs: written by hand rather than with Utf8JsonWriter, whose escaping of non-ASCII
/// characters differs from serde_json's.
/// </summary>
internal static class SafetensorsHeaderBuilder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Checks names and sorts by their UTF-8 bytes (Rust's string order, which differs from UTF-16 ordinal order above U+FFFF).</summary>
    public static List<KeyValuePair<string, Tensor>> SortAndValidate(IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var keyed = new List<(byte[] Key, KeyValuePair<string, Tensor> Entry)>();
        foreach (KeyValuePair<string, Tensor> entry in tensors)
        {
            string name = entry.Key;
            if (string.IsNullOrEmpty(name))
                throw new ArgumentException("tensor names must not be empty", nameof(tensors));
            if (name == SafetensorsHeaderParser.MetadataKey)
                throw new ArgumentException($"'{SafetensorsHeaderParser.MetadataKey}' is reserved and cannot name a tensor", nameof(tensors));
            if (entry.Value is null)
                throw new ArgumentException($"tensor {SafetensorsHeaderParser.Quote(name)} is null", nameof(tensors));
            if (!seen.Add(name))
                throw new ArgumentException($"duplicate tensor name {SafetensorsHeaderParser.Quote(name)}", nameof(tensors));
            keyed.Add((Utf8(name, "tensor name"), entry));
        }
        keyed.Sort(static (a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
        return keyed.ConvertAll(static k => k.Entry);
    }

    /// <summary>Header bytes padded with spaces to a multiple of 8; <paramref name="dataLength"/> is the data buffer size.</summary>
    public static byte[] Build(List<KeyValuePair<string, Tensor>> sorted, IReadOnlyDictionary<string, string>? metadata,
        out long dataLength)
    {
        var json = new StringBuilder("{");
        if (metadata is { Count: > 0 })
        {
            var entries = new List<(byte[] Key, string Name, string Value)>();
            foreach ((string key, string value) in metadata)
            {
                if (value is null)
                    throw new ArgumentException($"metadata value for key {SafetensorsHeaderParser.Quote(key)} is null", nameof(metadata));
                Utf8(value, "metadata value");
                entries.Add((Utf8(key, "metadata key"), key, value));
            }
            entries.Sort(static (a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
            AppendString(json, SafetensorsHeaderParser.MetadataKey).Append(":{");
            for (int i = 0; i < entries.Count; i++)
            {
                if (i > 0) json.Append(',');
                AppendString(json, entries[i].Name).Append(':');
                AppendString(json, entries[i].Value);
            }
            json.Append('}');
            if (sorted.Count > 0) json.Append(',');
        }

        long offset = 0;
        for (int i = 0; i < sorted.Count; i++)
        {
            (string name, Tensor tensor) = sorted[i];
            long end = offset + 4L * tensor.Size;
            if (i > 0) json.Append(',');
            AppendString(json, name).Append(":{\"dtype\":\"F32\",\"shape\":[");
            ReadOnlySpan<int> shape = tensor.Shape;
            for (int d = 0; d < shape.Length; d++)
            {
                if (d > 0) json.Append(',');
                json.Append(shape[d]);
            }
            json.Append("],\"data_offsets\":[").Append(offset).Append(',').Append(end).Append("]}");
            offset = end;
        }
        json.Append('}');
        dataLength = offset;

        // Pad so that 8 + header length, the data start, is a multiple of 8 (aligned loads for any dtype).
        int length = Encoding.UTF8.GetByteCount(json.ToString());
        json.Append(' ', (8 - length % 8) % 8);
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    /// <summary>Appends a JSON string literal escaped as serde_json does: quote, backslash and control characters only.</summary>
    private static StringBuilder AppendString(StringBuilder sb, string value)
    {
        sb.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case < ' ': sb.Append("\\u00").Append(((int)c).ToString("x2")); break;
                default: sb.Append(c); break;
            }
        }
        return sb.Append('"');
    }

    /// <summary>UTF-8 bytes of <paramref name="text"/>; lone surrogates cannot be encoded and are refused.</summary>
    private static byte[] Utf8(string text, string what)
    {
        try
        {
            return StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
            throw new ArgumentException($"{what} {SafetensorsHeaderParser.Quote(text)} is not valid Unicode (lone surrogate)");
        }
    }
}
