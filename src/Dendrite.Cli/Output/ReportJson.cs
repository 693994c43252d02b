using System.Buffers;
using System.Text;
using System.Text.Json;
using Dendrite.Training.Reports;

namespace Dendrite.Cli.Output;

/// <summary>
/// JSON lines of the eval and predict commands, e.g.
/// <c>{"event":"eval","model":"…","epoch":5,"split":"test","samples":10000,"loss":0.41,"accuracy":0.85,"macro_f1":0.85,
/// "classes":[{"name":"t-shirt","precision":…,"recall":…,"f1":…,"support":1000},…],"confusion":[[…],…]}</c>.
/// </summary>
internal static class ReportJson
{
    public static string Eval(string model, int epoch, string split, ClassificationReport r) => Write(w =>
    {
        w.WriteString("event", "eval");
        w.WriteString("model", model);
        w.WriteNumber("epoch", epoch);
        w.WriteString("split", split);
        w.WriteNumber("samples", r.Count);
        Number(w, "loss", r.Loss, 5);
        Number(w, "accuracy", r.Accuracy, 4);
        Number(w, "macro_f1", r.MacroF1, 4);
        w.WriteStartArray("classes");
        foreach (var c in r.Classes)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            Number(w, "precision", c.Precision, 4);
            Number(w, "recall", c.Recall, 4);
            Number(w, "f1", c.F1, 4);
            w.WriteNumber("support", c.Support);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("confusion");
        int n = r.Classes.Count;
        for (int i = 0; i < n; i++)
        {
            w.WriteStartArray();
            for (int j = 0; j < n; j++) w.WriteNumberValue(r.Confusion[i, j]);
            w.WriteEndArray();
        }
        w.WriteEndArray();
    });

    /// <summary>
    /// A regression model's scores: <c>{"event":"eval","model":…,"epoch":…,"split":…,"samples":…,"loss":…,"rmse":…,"mae":…,"r2":…,"log_rmse":…}</c>
    /// with 6 significant digits.
    /// </summary>
    public static string Regression(string model, int epoch, string split, Training.Evaluation e) => Write(w =>
    {
        w.WriteString("event", "eval");
        w.WriteString("model", model);
        w.WriteNumber("epoch", epoch);
        w.WriteString("split", split);
        w.WriteNumber("samples", e.Count);
        foreach (var (name, value) in e.Metrics)
        {
            if (double.IsFinite(value)) w.WriteNumber(name, double.Parse(value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture));
            else w.WriteNull(name);
        }
    });

    /// <summary>One predicted sample: index, optional true label, top-k classes with probabilities.</summary>
    public static string Prediction(int index, string? label, IReadOnlyList<(string Name, float Probability)> top) => Write(w =>
    {
        w.WriteString("event", "prediction");
        w.WriteNumber("index", index);
        if (label is not null) w.WriteString("label", label);
        w.WriteString("predicted", top[0].Name);
        w.WriteStartArray("top");
        foreach (var (name, p) in top)
        {
            w.WriteStartObject();
            w.WriteString("class", name);
            Number(w, "probability", p, 6);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    public static void Number(Utf8JsonWriter w, string name, double value, int decimals)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, Math.Round(value, decimals, MidpointRounding.AwayFromZero));
        else w.WriteNull(name);
    }

    public static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
