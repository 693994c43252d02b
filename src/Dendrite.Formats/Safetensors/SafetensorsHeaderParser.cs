using System.Collections.ObjectModel;
using System.Text;
using System.Text.Json;

namespace Dendrite.Formats.Safetensors;

/// <summary>
/// Turns the JSON header bytes into validated <see cref="SafetensorsTensorInfo"/> entries. Every rule of the format is
/// checked here, against the real size of the data buffer, before the reader allocates anything for tensor data.
/// Unknown keys inside a tensor entry are ignored, as the reference implementation does.
/// </summary>
internal static class SafetensorsHeaderParser
{
    internal const string MetadataKey = "__metadata__";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static SafetensorsHeader Parse(string source, byte[] header, long dataLength)
    {
        if (header[0] != (byte)'{')
            throw Fail(source, $"header does not start with '{{' (first byte 0x{header[0]:X2}); not a safetensors file?");
        try
        {
            StrictUtf8.GetCharCount(header);
        }
        catch (DecoderFallbackException)
        {
            throw Fail(source, "header is not valid UTF-8; not a safetensors file?");
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(header, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw Fail(source, "header is not valid JSON: " + InputText.JsonError(ex), ex);
        }
        CheckEscapes(source, header);

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw Fail(source, $"header is a JSON {doc.RootElement.ValueKind}, expected an object");

            var names = new HashSet<string>(StringComparer.Ordinal);
            var entries = new List<SafetensorsTensorInfo>();
            IReadOnlyDictionary<string, string>? metadata = null;
            foreach (JsonProperty property in doc.RootElement.EnumerateObject())
            {
                if (!names.Add(property.Name))
                    throw Fail(source, property.Name == MetadataKey
                        ? $"header has more than one '{MetadataKey}'"
                        : $"duplicate tensor name {Quote(property.Name)}");
                if (property.Name == MetadataKey) metadata = ParseMetadata(source, property.Value);
                else entries.Add(ParseEntry(source, property.Name, property.Value, dataLength));
            }

            List<SafetensorsTensorInfo> ordered = CheckCoverage(source, entries, dataLength);
            return new SafetensorsHeader(ordered.AsReadOnly(),
                metadata ?? ReadOnlyDictionary<string, string>.Empty, header.LongLength, dataLength);
        }
    }

    /// <summary>
    /// JSON lets a string escape half of a UTF-16 surrogate pair ("\ud800"); the parser accepts it, but reading the
    /// string as .NET text throws InvalidOperationException. Every escaped name and string is decoded once here, so
    /// such a header fails as a format error.
    /// </summary>
    private static void CheckEscapes(string source, byte[] header)
    {
        var reader = new Utf8JsonReader(header, new JsonReaderOptions { MaxDepth = 16 });
        while (reader.Read())
        {
            if (reader.TokenType is not (JsonTokenType.PropertyName or JsonTokenType.String) || !reader.ValueIsEscaped) continue;
            try
            {
                reader.GetString();
            }
            catch (InvalidOperationException ex)
            {
                throw Fail(source, $"header has a string with an invalid \\u escape (half of a UTF-16 surrogate pair) at byte {reader.TokenStartIndex}", ex);
            }
        }
    }

    private static ReadOnlyDictionary<string, string> ParseMetadata(string source, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw Fail(source, $"'{MetadataKey}' is a JSON {value.ValueKind}, expected an object of strings");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty p in value.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.String)
                throw Fail(source, $"'{MetadataKey}' value for key {Quote(p.Name)} is a JSON {p.Value.ValueKind}, expected a string");
            if (!metadata.TryAdd(p.Name, p.Value.GetString()!))
                throw Fail(source, $"'{MetadataKey}' has duplicate key {Quote(p.Name)}");
        }
        return metadata.AsReadOnly();
    }

    private static SafetensorsTensorInfo ParseEntry(string source, string name, JsonElement value, long dataLength)
    {
        string what = "tensor " + Quote(name);
        if (value.ValueKind != JsonValueKind.Object)
            throw Fail(source, $"{what} is a JSON {value.ValueKind}, expected an object with dtype, shape and data_offsets");

        JsonElement? dtypeElement = null, shapeElement = null, offsetsElement = null;
        foreach (JsonProperty p in value.EnumerateObject())
        {
            ref JsonElement? slot = ref dtypeElement;
            switch (p.Name)
            {
                case "dtype": break;
                case "shape": slot = ref shapeElement; break;
                case "data_offsets": slot = ref offsetsElement; break;
                default: continue; // unknown keys are ignored, like the reference implementation
            }
            if (slot is not null) throw Fail(source, $"{what} has '{p.Name}' twice");
            slot = p.Value;
        }

        SafetensorsDtype dtype = ParseDtype(source, what, dtypeElement);
        (int[] shape, long count) = ParseShape(source, what, shapeElement);
        (ulong begin, ulong end) = ParseOffsets(source, what, offsetsElement);

        string offsets = $"data_offsets [{begin}, {end}]";
        string shapeText = "[" + string.Join(", ", shape) + "]";
        if (end < begin)
            throw Fail(source, $"{what} {offsets} end before they begin");
        // count fits in a long, but count × element size may not: compare in UInt128.
        UInt128 expected = (UInt128)(ulong)count * (ulong)dtype.SizeInBytes();
        if (end - begin != expected)
            throw Fail(source, $"{what} {offsets} do not match shape {shapeText} × {dtype.ToSpecName()} = {expected} bytes");
        if (end > (ulong)dataLength)
            throw Fail(source, $"{what} {offsets} run past the end of the {dataLength}-byte data buffer; file truncated?");
        return new SafetensorsTensorInfo(name, dtype, shape, count, (long)begin, (long)end);
    }

    private static SafetensorsDtype ParseDtype(string source, string what, JsonElement? element)
    {
        if (element is not { } e) throw Fail(source, $"{what} has no 'dtype'");
        if (e.ValueKind != JsonValueKind.String)
            throw Fail(source, $"{what} dtype is a JSON {e.ValueKind}, expected a string such as \"F32\"");
        string text = e.GetString()!;
        if (!SafetensorsDtypes.TryParse(text, out SafetensorsDtype? dtype))
            throw Fail(source, $"{what} has unknown dtype {Quote(text)}");
        return dtype.Value;
    }

    private static (int[] Shape, long Count) ParseShape(string source, string what, JsonElement? element)
    {
        if (element is not { } e) throw Fail(source, $"{what} has no 'shape'");
        if (e.ValueKind != JsonValueKind.Array)
            throw Fail(source, $"{what} shape is a JSON {e.ValueKind}, expected an array of non-negative integers");
        var shape = new int[e.GetArrayLength()];
        long count = 1;
        bool overflow = false;
        int i = 0;
        foreach (JsonElement d in e.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt64(out long dim) || dim < 0)
                throw Fail(source, $"{what} shape has {Raw(d)} at position {i}, expected a non-negative integer");
            if (dim > int.MaxValue)
                throw Fail(source, $"{what} shape dimension {dim} exceeds {int.MaxValue}");
            shape[i++] = (int)dim;
            // Keep multiplying after an overflow: a later zero dimension still makes the tensor empty.
            if (!overflow)
            {
                try { count = checked(count * dim); }
                catch (OverflowException) { overflow = true; }
            }
        }
        if (overflow && !shape.Contains(0))
            throw Fail(source, $"{what} shape [{string.Join(", ", shape)}] has more elements than fit in 64 bits");
        return (shape, overflow ? 0 : count);
    }

    private static (ulong Begin, ulong End) ParseOffsets(string source, string what, JsonElement? element)
    {
        if (element is not { } e) throw Fail(source, $"{what} has no 'data_offsets'");
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() != 2)
            throw Fail(source, $"{what} data_offsets is {Raw(e)}, expected [begin, end]");
        ulong begin = Offset(e[0]), end = Offset(e[1]);
        return (begin, end);

        ulong Offset(JsonElement v) =>
            v.ValueKind == JsonValueKind.Number && v.TryGetUInt64(out ulong o)
                ? o
                : throw Fail(source, $"{what} data_offsets has {Raw(v)}, expected a non-negative integer");
    }

    /// <summary>
    /// Sorts by offset and checks the ranges tile the data buffer exactly: start at 0, no gap, no overlap, end at
    /// its last byte. The sort is stable so empty tensors sharing an offset keep their header order.
    /// </summary>
    private static List<SafetensorsTensorInfo> CheckCoverage(string source, List<SafetensorsTensorInfo> entries, long dataLength)
    {
        List<SafetensorsTensorInfo> ordered = entries.OrderBy(t => t.DataBegin).ThenBy(t => t.DataEnd).ToList();
        long covered = 0;
        SafetensorsTensorInfo? previous = null;
        foreach (SafetensorsTensorInfo t in ordered)
        {
            string offsets = $"data_offsets [{t.DataBegin}, {t.DataEnd}]";
            if (t.DataBegin < covered)
                throw Fail(source, $"tensor {Quote(t.Name)} {offsets} overlap tensor {Quote(previous!.Name)} " +
                                   $"data_offsets [{previous.DataBegin}, {previous.DataEnd}]");
            if (t.DataBegin > covered)
                throw Fail(source, $"{t.DataBegin - covered} unused bytes before tensor {Quote(t.Name)} {offsets} " +
                                   $"(the previous tensor ends at {covered})");
            covered = t.DataEnd;
            previous = t;
        }
        if (covered != dataLength)
            throw Fail(source, $"tensors cover {covered} bytes but {dataLength} bytes follow the header " +
                               $"({dataLength - covered} trailing bytes)");
        return ordered;
    }

    private static string Raw(JsonElement e)
    {
        string text = e.GetRawText();
        return text.Length <= 40 ? OneLine(text) : OneLine(text[..40]) + "…";
    }

    /// <summary>Quotes a name for a one-line message: control characters escaped, very long names cut.</summary>
    internal static string Quote(string name)
    {
        var sb = new StringBuilder("'");
        foreach (char c in name.Length <= 120 ? name : name[..120])
            sb.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        if (name.Length > 120) sb.Append('…');
        return sb.Append('\'').ToString();
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static SafetensorsFormatException Fail(string source, string problem, Exception? inner = null) =>
        new(source, problem, inner);
}
