using System.Globalization;
using System.Text;
using Dendrite.Random;

namespace Dendrite.Onnx.Tests.Export;

/// <summary>
/// A small synthetic table: id, size (numeric, some missing), color (categorical red/green/blue, some missing),
/// weight (numeric), and a target: label (low/mid/high) or price (positive, for a log target).
/// </summary>
internal static class TableCsv
{
    public static string Write(string path, string target, int rows, ulong seed, bool unseen = false)
    {
        var rng = new Rng(seed);
        string[] colors = ["red", "green", "blue"];
        var sb = new StringBuilder($"id,size,color,weight,{target}\n");
        for (int i = 0; i < rows; i++)
        {
            // Whole and quarter values are exact in float32, so the graph's float inputs carry the very numbers the CSV reader parsed.
            double size = Math.Round((10 + (rng.NextNormal() * 3)) * 4) / 4;
            double weight = Math.Round((50 + (rng.NextNormal() * 10)) * 4) / 4;
            int c = rng.NextInt(3);
            string color = unseen && i % 5 == 4 ? "purple" : colors[c];
            string sizeText = i % 7 == 3 ? "" : i % 11 == 5 ? "NA" : size.ToString(CultureInfo.InvariantCulture);
            string colorText = i % 9 == 2 ? "" : i % 13 == 6 ? "na" : color;
            double score = size + (c * 3) + ((weight - 50) / 5);
            string y = target == "label"
                ? (score < 12 ? "low" : score < 16 ? "mid" : "high")
                : (1000 * Math.Exp(score / 10)).ToString("F2", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"r{i},{sizeText},{colorText},{weight.ToString(CultureInfo.InvariantCulture)},{y}\n");
        }
        File.WriteAllText(path, sb.ToString());
        return path;
    }
}
