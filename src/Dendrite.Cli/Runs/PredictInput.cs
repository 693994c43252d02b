using System.Globalization;
using Dendrite.Data;
using Dendrite.Data.Idx;

namespace Dendrite.Cli.Runs;

/// <summary>
/// The INPUT of <c>dendrite predict</c>: an IDX image file (raw or gzipped; [N, rows, cols] or [N, width]) or a CSV
/// of pixel columns, with an optional label column (named "label" in a header row, or an unnamed first column when
/// a row has one value more than the model's width). Values are kept raw (0–255 pixels); the predictor scales them as
/// the model was trained.
/// </summary>
internal sealed record PredictInput(float[] Features, int Count, int[]? Labels)
{
    /// <summary>The longest CSV line accepted: a row of pixels is a few KB; anything far longer is not a row.</summary>
    public const int MaxLineChars = 1 << 20;

    public static PredictInput Load(string path, int width, IdxReadOptions? limits = null)
    {
        if (Directory.Exists(path)) throw new DatasetNotFoundException($"{path}: is a folder; give an IDX or CSV file");
        if (!File.Exists(path)) throw new DatasetNotFoundException($"{path}: input file not found");
        try
        {
            return path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? LoadCsv(path, width) : LoadIdx(path, width, limits);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetNotFoundException($"{path}: cannot read: {e.Message}", e);
        }
    }

    /// <summary>Labels from an IDX label file [N], which must match the input's count.</summary>
    public static int[] LoadLabels(string path, int count, IdxReadOptions? limits = null)
    {
        IdxFile f = IdxReader.Read(path, limits);
        if (f.Rank != 1) throw new DataFormatException($"{path}: expected a label file of shape [count], found {f.ShapeString}");
        if (f.Dimensions[0] != count)
            throw new DataFormatException($"{path}: holds {f.Dimensions[0]} labels but the input has {count} samples");
        return f.Data.Select(b => (int)b).ToArray();
    }

    private static PredictInput LoadIdx(string path, int width, IdxReadOptions? limits)
    {
        IdxFile f = IdxReader.Read(path, limits);
        if (f.Rank is not (2 or 3))
            throw new DataFormatException($"{path}: expected images [count, rows, columns] or rows [count, width], found {f.ShapeString}");
        int count = f.Dimensions[0];
        int rowWidth = f.Data.Length / count;
        if (rowWidth != width)
            throw new DataFormatException($"{path}: each sample has {rowWidth} values ({f.ShapeString}), but the model takes {width}");
        var features = new float[f.Data.Length];
        for (int i = 0; i < features.Length; i++) features[i] = f.Data[i];
        return new PredictInput(features, count, null);
    }

    private static PredictInput LoadCsv(string path, int width)
    {
        var lines = new List<string>();
        // Line by line, with a bound on each line, so /dev/zero or a file without line breaks fails at once.
        using (var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true))
        {
            var line = new System.Text.StringBuilder();
            int c;
            while ((c = reader.Read()) >= 0)
            {
                if (c == '\0') throw new DataFormatException($"{path}:{lines.Count + 1}: holds a NUL byte; not a text CSV");
                if (c == '\n')
                {
                    lines.Add(line.ToString().TrimEnd('\r'));
                    line.Clear();
                    continue;
                }
                if (line.Length >= MaxLineChars)
                    throw new DataFormatException($"{path}:{lines.Count + 1}: a line longer than {MaxLineChars:N0} characters; not a CSV of pixel rows");
                line.Append((char)c);
            }
            if (line.Length > 0) lines.Add(line.ToString().TrimEnd('\r'));
        }
        int first = 0;
        int labelColumn = -1;
        if (lines.Count > 0 && lines[0].Split(',').Any(c => !IsNumber(c)))
        {
            string[] header = lines[0].Split(',').Select(h => h.Trim().Trim('"')).ToArray();
            labelColumn = Array.FindIndex(header, h => string.Equals(h, "label", StringComparison.OrdinalIgnoreCase));
            first = 1;
        }
        var features = new List<float>();
        var labels = new List<int>();
        int count = 0;
        for (int li = first; li < lines.Count; li++)
        {
            if (lines[li].Length == 0) continue;
            string[] cells = lines[li].Split(',');
            if (li == first && labelColumn < 0 && first == 0 && cells.Length == width + 1) labelColumn = 0;
            int expected = width + (labelColumn >= 0 ? 1 : 0);
            if (cells.Length != expected)
                throw new DataFormatException($"{path}:{li + 1}: {cells.Length} columns, expected {expected} ({width} pixels{(labelColumn >= 0 ? " and a label" : "")}) for this model");
            for (int j = 0; j < cells.Length; j++)
            {
                if (!float.TryParse(cells[j], NumberStyles.Float, CultureInfo.InvariantCulture, out float v) || !float.IsFinite(v))
                    throw new DataFormatException($"{path}:{li + 1}: column {j + 1} is '{InputText.Clip(cells[j])}', expected a number");
                if (j == labelColumn)
                {
                    if (v < 0 || v != MathF.Floor(v)) throw new DataFormatException($"{path}:{li + 1}: label '{InputText.Clip(cells[j])}' is not a class index");
                    labels.Add((int)v);
                }
                else features.Add(v);
            }
            count++;
        }
        if (count == 0) throw new DataFormatException($"{path}: no data rows");
        return new PredictInput(features.ToArray(), count, labelColumn >= 0 ? labels.ToArray() : null);
    }

    private static bool IsNumber(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
