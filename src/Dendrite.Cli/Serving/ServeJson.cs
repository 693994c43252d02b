using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dendrite.Data;
using Dendrite.Data.Tabular;
using Dendrite.Nn.Configs;
using Dendrite.Training.Models;

namespace Dendrite.Cli.Serving;

/// <summary>
/// The JSON the server answers with, written by hand with <see cref="Utf8JsonWriter"/> (no reflection):
/// <list type="bullet">
/// <item>/predict: <c>{"predictions":[{"class":"Trouser","index":1,"probabilities":{"T-shirt/top":0.01,…}},…]}</c>
/// for classification, <c>{"predictions":[{"value":12.5},…]}</c> for regression (<c>"values"</c> when the model
/// has several outputs); a table row whose id column was given also gets <c>"id"</c>;</item>
/// <item>/metadata: the model file, architecture, task, classes or target, and the input schema;</item>
/// <item>/healthz: <c>{"status":"ok","requests":…,"rows":…,"batches":…}</c>;</item>
/// <item>errors: <c>{"error":"rows[3] has 783 values; …"}</c>.</item>
/// </list>
/// Floats are written in their shortest round-trip form, so a client reads back the predictor's exact values.
/// </summary>
internal static class ServeJson
{
    /// <summary>Class names and messages stay readable (no \uXXXX for "–" or "é"); the answers are never HTML.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Predictions(IBufferWriter<byte> output, Prediction[] predictions, string?[]? ids, ModelInfo info)
    {
        using var w = new Utf8JsonWriter(output, WriterOptions);
        w.WriteStartObject();
        w.WriteStartArray("predictions");
        for (int i = 0; i < predictions.Length; i++)
        {
            Prediction p = predictions[i];
            w.WriteStartObject();
            if (ids is not null)
            {
                if (ids[i] is { } id) w.WriteString("id", id);
                else w.WriteNull("id");
            }
            if (p.Probabilities is { } probabilities)
            {
                w.WriteString("class", p.ClassName);
                w.WriteNumber("index", p.Class);
                w.WriteStartObject("probabilities");
                for (int k = 0; k < probabilities.Length; k++) w.WriteNumber(info.ClassNames![k], probabilities[k]);
                w.WriteEndObject();
            }
            else if (p.Values is [double value]) w.WriteNumber("value", value);
            else
            {
                w.WriteStartArray("values");
                foreach (double v in p.Values!) w.WriteNumberValue(v);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void Metadata(IBufferWriter<byte> output, TrainedModel model, ServeOptions options)
    {
        ModelInfo info = model.Info;
        using var w = new Utf8JsonWriter(output, WriterOptions);
        w.WriteStartObject();
        w.WriteString("model", model.Source);
        w.WriteString("architecture", model.Describe());
        if (model.Architecture is { } layers)
        {
            w.WritePropertyName("layers");
            LayerConfigJson.Write(w, layers);
        }
        w.WriteNumber("epochs", model.Epoch);
        w.WriteString("task", info.Task == TaskKind.Regression ? "regression" : "classification");
        if (info.ClassNames is not null)
        {
            w.WriteStartArray("classes");
            foreach (string name in info.ClassNames) w.WriteStringValue(name);
            w.WriteEndArray();
        }
        if (info.TargetName is not null) w.WriteString("target", info.TargetName);
        w.WritePropertyName("input");
        Input(w, info.Input);
        w.WriteStartObject("limits");
        w.WriteNumber("max_body_bytes", options.MaxBodyBytes);
        w.WriteNumber("max_batch_rows", options.MaxBatchRows);
        w.WriteNumber("batch_window_ms", options.BatchWindow.TotalMilliseconds);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Input(Utf8JsonWriter w, ModelInput input)
    {
        w.WriteStartObject();
        w.WriteString("kind", input.Kind);
        w.WriteNumber("features", input.FeatureCount);
        switch (input)
        {
            case ImageInput image:
                w.WriteNumber("height", image.Height);
                w.WriteNumber("width", image.Width);
                w.WriteNumber("scale", image.Scale);
                w.WriteString("row", $"an array of {image.FeatureCount} pixel values, row by row, on the scale of predict's CSV input (0–255)");
                break;
            case FeatureInput features:
                w.WriteString("row", $"an array of {features.Count} numbers");
                break;
            case TableInput table:
                if (table.IdColumn is not null) w.WriteString("id_column", table.IdColumn);
                w.WriteString("row", "an object of column name → string, number or null (missing)");
                w.WriteStartArray("missing_values");
                w.WriteStringValue("");
                foreach (string marker in TabularCsvOptions.DefaultMissingValues) w.WriteStringValue(marker);
                w.WriteEndArray();
                w.WriteStartArray("columns");
                foreach (FittedColumn column in table.Preprocessor.Columns)
                {
                    w.WriteStartObject();
                    w.WriteString("name", column.Name);
                    w.WriteString("kind", column.Kind == ColumnKind.Numeric ? "numeric" : "categorical");
                    if (column.Categories is { } categories)
                    {
                        w.WriteStartArray("categories");
                        foreach (string c in categories) w.WriteStringValue(c);
                        w.WriteEndArray();
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                break;
        }
        w.WriteEndObject();
    }

    public static void Health(IBufferWriter<byte> output, MicroBatcher batcher)
    {
        using var w = new Utf8JsonWriter(output, WriterOptions);
        w.WriteStartObject();
        w.WriteString("status", "ok");
        w.WriteNumber("requests", batcher.Requests);
        w.WriteNumber("rows", batcher.Rows);
        w.WriteNumber("batches", batcher.Batches);
        w.WriteEndObject();
    }

    public static void Error(IBufferWriter<byte> output, string message)
    {
        using var w = new Utf8JsonWriter(output, WriterOptions);
        w.WriteStartObject();
        w.WriteString("error", message);
        w.WriteEndObject();
    }
}
