using System.Globalization;
using System.Text;
using System.Text.Json;
using Dendrite.Data.Tabular;
using Dendrite.Formats.IO;
using Dendrite.Training.Models;

namespace Dendrite.Cli.Runs;

/// <summary>
/// The output of <c>predict</c> for a table model: one row per input row with the id column (when the model had one
/// and the file has it; else the 0-based row index), then the target column holding the prediction (regression: in
/// target units; classification: the class name), then for classification one probability column "p_&lt;class&gt;"
/// per class. Numbers are round-trip floats, so a reader gets the exact values.
/// </summary>
internal sealed class TablePredictions
{
    /// <summary>Rows printed without --out.</summary>
    public const int PrintedRows = 20;

    private TablePredictions(string[] header, List<string[]> rows)
    {
        Header = header;
        Rows = rows;
    }

    public string[] Header { get; }

    public List<string[]> Rows { get; }

    public static TablePredictions Of(TrainedModel model, TabularFrame frame, Prediction[] predictions)
    {
        TableInput input = (TableInput)model.Info.Input;
        string key = frame.Ids is not null ? input.IdColumn! : "index";
        var header = new List<string> { key, model.Info.TargetName ?? "prediction" };
        IReadOnlyList<string>? classes = model.Info.ClassNames;
        if (classes is not null) header.AddRange(classes.Select(c => "p_" + c));
        var rows = new List<string[]>(predictions.Length);
        for (int i = 0; i < predictions.Length; i++)
        {
            var row = new List<string> { frame.Ids is not null ? frame.Ids[i] ?? "" : i.ToString(CultureInfo.InvariantCulture) };
            Prediction p = predictions[i];
            if (p.Values is { } values) row.Add(Number((float)values[0]));
            else
            {
                row.Add(p.ClassName ?? p.Class.ToString(CultureInfo.InvariantCulture));
                foreach (float v in p.Probabilities!) row.Add(Number(v));
            }
            rows.Add([.. row]);
        }
        return new TablePredictions([.. header], rows);
    }

    public void WriteText(TextWriter w)
    {
        List<string[]> shown = Rows.Take(PrintedRows).ToList();
        var widths = Header.Select((h, j) => Math.Max(h.Length, shown.Count == 0 ? 0 : shown.Max(r => Shorten(r[j], j).Length))).ToArray();
        w.WriteLine(string.Join("  ", Header.Select((h, j) => h.PadLeft(widths[j]))));
        foreach (string[] row in shown) w.WriteLine(string.Join("  ", row.Select((c, j) => Shorten(c, j).PadLeft(widths[j]))));
        if (Rows.Count > PrintedRows) w.WriteLine($"… {Rows.Count - PrintedRows} more rows; write them all with --out FILE");
    }

    public void WriteJson(TextWriter w)
    {
        foreach (string[] row in Rows)
        {
            using var stream = new MemoryStream();
            using (var j = new Utf8JsonWriter(stream))
            {
                j.WriteStartObject();
                for (int k = 0; k < Header.Length; k++) j.WriteString(Header[k], row[k]);
                j.WriteEndObject();
            }
            w.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
        }
    }

    public void WriteCsv(string path)
    {
        var sb = new StringBuilder(string.Join(',', Header.Select(Quote))).Append('\n');
        foreach (string[] row in Rows) sb.Append(string.Join(',', row.Select(Quote))).Append('\n');
        byte[] bytes = new UTF8Encoding(false).GetBytes(sb.ToString());
        AtomicFile.WriteAll(path, bytes, "predictions");
    }

    private static string Number(float v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Printed numbers get 6 significant digits; ids and class names are left alone.</summary>
    private static string Shorten(string cell, int column) =>
        column > 0 && float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out float v)
            ? v.ToString("G6", CultureInfo.InvariantCulture) : cell;

    private static string Quote(string s) =>
        s.Contains(',') || s.Contains('"') || s.Contains('\n') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
