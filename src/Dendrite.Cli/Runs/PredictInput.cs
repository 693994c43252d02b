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
    public static PredictInput Load(string path, int width)
    {
        if (!File.Exists(path)) throw new DatasetNotFoundException($"{path}: input file not found");
        return path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? LoadCsv(path, width) : LoadIdx(path, width);
    }

    /// <summary>Labels from an IDX label file [N], which must match the input's count.</summary>
    public static int[] LoadLabels(string path, int count)
    {
        IdxFile f = IdxReader.Read(path);
        if (f.Rank != 1) throw new DataFormatException($"{path}: expected a label file of shape [count], found {f.ShapeString}");
        if (f.Dimensions[0] != count)
            throw new DataFormatException($"{path}: holds {f.Dimensions[0]} labels but the input has {count} samples");
        return f.Data.Select(b => (int)b).ToArray();
    }

    private static PredictInput LoadIdx(string path, int width)
    {
        IdxFile f = IdxReader.Read(path);
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
        string[] lines = File.ReadAllLines(path);
        int first = 0;
        int labelColumn = -1;
        if (lines.Length > 0 && lines[0].Split(',').Any(c => !IsNumber(c)))
        {
            string[] header = lines[0].Split(',').Select(h => h.Trim().Trim('"')).ToArray();
            labelColumn = Array.FindIndex(header, h => string.Equals(h, "label", StringComparison.OrdinalIgnoreCase));
            first = 1;
        }
        var features = new List<float>();
        var labels = new List<int>();
        int count = 0;
        for (int li = first; li < lines.Length; li++)
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
                    throw new DataFormatException($"{path}:{li + 1}: column {j + 1} is '{cells[j]}', expected a number");
                if (j == labelColumn)
                {
                    if (v < 0 || v != MathF.Floor(v)) throw new DataFormatException($"{path}:{li + 1}: label '{cells[j]}' is not a class index");
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
