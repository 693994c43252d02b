using System.Globalization;
using System.Text;
using System.Text.Json;
using Dendrite.Data.Tabular;
using Dendrite.Training.Models;

namespace Dendrite.Cli.Serving;

/// <summary>
/// Reads a /predict body, <c>{"rows": [...]}</c>, into network input for <see cref="Predictor.Outputs"/>. An image or
/// feature model takes rows that are arrays of the model's input width of numbers, on the scale of <c>predict</c>'s CSV
/// input (0–255 pixels; <see cref="Predictor.Features(ReadOnlySpan{float}, int)"/> scales them). A table model takes
/// rows that are objects of column name → string, number or null, read as <see cref="TableInput.LoadCsv"/> reads a CSV
/// (<see cref="TableInput.FromRows"/>): a number counts as the text it is written as, null as a missing value. Every
/// problem becomes a <see cref="RequestException"/> naming the row (<c>rows[3]</c>) and what was expected.
/// </summary>
internal static class PredictRequestReader
{
    /// <summary>The source name of table rows in library messages, replaced by <c>rows[i]</c> here.</summary>
    private const string Source = "request";

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16 };

    public static PredictRequest Read(ReadOnlySpan<byte> body, Predictor predictor)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        if (body.IsEmpty) throw new RequestException("the body is empty; send {\"rows\": [...]}");
        try
        {
            var reader = new Utf8JsonReader(body, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new RequestException("the body must be a JSON object: {\"rows\": [...]}");
            PredictRequest? request = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isRows = reader.ValueTextEquals("rows"u8);
                reader.Read();
                if (!isRows)
                {
                    reader.Skip(); // other keys are the client's business
                    continue;
                }
                if (request is not null) throw new RequestException("\"rows\" appears twice");
                if (reader.TokenType != JsonTokenType.StartArray) throw new RequestException($"\"rows\" must be an array, not {Kind(reader.TokenType)}");
                request = predictor.Model.Info.Input is TableInput table ? ReadTable(ref reader, predictor, table) : ReadNumbers(ref reader, predictor);
            }
            // Reading past the object makes the reader refuse anything but whitespace after it.
            if (reader.Read()) throw new RequestException("the body holds more than one JSON value");
            return request ?? throw new RequestException("the body has no \"rows\" array: send {\"rows\": [...]}");
        }
        catch (JsonException e)
        {
            throw new RequestException($"the body is not valid JSON: {Cli.OneLine(e.Message)}", e);
        }
    }

    /// <summary>Rows of numbers, each exactly the model's input width, into one flat array.</summary>
    private static PredictRequest ReadNumbers(ref Utf8JsonReader reader, Predictor predictor)
    {
        int width = predictor.InputWidth;
        string expected = predictor.Model.Info.Input is ImageInput image
            ? string.Create(CultureInfo.InvariantCulture, $"{width} pixel values ({image.Height}×{image.Width}, on the 0–255 scale)")
            : string.Create(CultureInfo.InvariantCulture, $"{width} feature values");
        var values = new List<float>(width);
        int count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
                throw new RequestException($"rows[{count}] is {Kind(reader.TokenType)}; this model takes rows of {expected}");
            int n = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.Number)
                    throw new RequestException($"rows[{count}][{n}] is {Kind(reader.TokenType)}; expected a number");
                // float directly, as predict's CSV reader parses it (a double first could round twice).
                if (!reader.TryGetSingle(out float v) || !float.IsFinite(v))
                    throw new RequestException($"rows[{count}][{n}] is {Clip(Encoding.UTF8.GetString(reader.ValueSpan))}, beyond float range");
                if (n++ < width) values.Add(v);
            }
            if (n != width)
                throw new RequestException(string.Create(CultureInfo.InvariantCulture, $"rows[{count}] has {n} values; this model takes {expected}"));
            count++;
        }
        float[] features = predictor.Features(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values), count);
        return new PredictRequest(features, count, null);
    }

    /// <summary>Rows of column name → value, read into a <see cref="TabularFrame"/> and preprocessed as in training.</summary>
    private static PredictRequest ReadTable(ref Utf8JsonReader reader, Predictor predictor, TableInput table)
    {
        var rows = new List<IReadOnlyDictionary<string, string?>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            int r = rows.Count;
            if (reader.TokenType != JsonTokenType.StartObject)
                throw new RequestException($"rows[{r}] is {Kind(reader.TokenType)}; this model takes rows that are objects of column name → value");
            var row = new Dictionary<string, string?>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                string? value = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    // The number as written, exactly the text a CSV would hold ("1.50" stays "1.50" for a category).
                    JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                    JsonTokenType.Null => null,
                    var other => throw new RequestException($"rows[{r}], column '{Clip(name)}' is {Kind(other)}; expected a string, a number or null"),
                };
                if (!row.TryAdd(name, value)) throw new RequestException($"rows[{r}] has column '{Clip(name)}' twice");
            }
            rows.Add(row);
        }
        if (rows.Count == 0) return new PredictRequest([], 0, null);
        try
        {
            TabularFrame frame = table.FromRows(rows, Source);
            return new PredictRequest(predictor.Features(frame), frame.RowCount, frame.Ids);
        }
        catch (CsvFormatException e)
        {
            throw new RequestException(Describe(e), e);
        }
    }

    /// <summary>A library message about row i + 1 of the request, as "rows[i], column 'c': problem".</summary>
    private static string Describe(CsvFormatException e)
    {
        if (e.Problem is null) return e.Message;
        string where = e.Line > 0 ? $"rows[{e.Line - 1}]" : "rows";
        if (e.Column is not null) where += $", column '{Clip(e.Column)}'";
        return $"{where}: {e.Problem}";
    }

    private static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static string Clip(string text) => Cli.OneLine(text.Length <= 60 ? text : text[..60] + "…");
}
