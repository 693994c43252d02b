using System.Globalization;
using System.Text;

namespace Dendrite.Distributed.Tests;

/// <summary>A small seeded CSV classification table: 8 numeric features, 3 classes that depend on them.</summary>
internal static class TinyTable
{
    public static string Write(string path, int rows = 600)
    {
        var rng = new Dendrite.Random.Rng(11);
        var sb = new StringBuilder("f0,f1,f2,f3,f4,f5,f6,f7,label\n");
        for (int r = 0; r < rows; r++)
        {
            var x = new float[8];
            for (int j = 0; j < 8; j++) x[j] = rng.NextNormal();
            string label = x[0] + x[1] > 0.5f ? "a" : x[2] - x[3] > 0 ? "b" : "c";
            sb.AppendJoin(',', x.Select(v => v.ToString("0.####", CultureInfo.InvariantCulture))).Append(',').Append(label).Append('\n');
        }
        File.WriteAllText(path, sb.ToString());
        return path;
    }
}
