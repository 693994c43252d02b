using System.Globalization;
using System.Text;

namespace Dendrite.Cli.Tests.Tables;

/// <summary>Small learnable CSV tables, the same bytes for the same seed.</summary>
internal static class TableFiles
{
    /// <summary>The target column of <see cref="Write"/>'s table for <paramref name="task"/>.</summary>
    public static string Target(string task) => task == "regression" ? "y" : "label";

    /// <summary>
    /// "id,x1,x2,kind,&lt;target&gt;": x1, x2 standard normal, kind a/b. Regression: y = 2·x1 − 3.4·x2 + 4.2 + [kind = a] +
    /// 0.1·noise. Classification: label "hi" when x1 + x2 &gt; 0 (or kind = a and x1 + x2 &gt; −0.3), else "lo". The id
    /// column holds unique whole numbers, so the CLI takes it for a likely id column unless --id-column names it.
    /// </summary>
    public static string Write(string path, string task, int rows = 200, ulong seed = 1)
    {
        var rng = new Dendrite.Random.Rng(seed);
        var sb = new StringBuilder("id,x1,x2,kind,").Append(Target(task)).Append('\n');
        for (int i = 0; i < rows; i++)
        {
            double x1 = rng.NextNormal(), x2 = rng.NextNormal();
            bool a = rng.NextDouble() < 0.4;
            string target = task == "regression"
                ? (2 * x1 - 3.4 * x2 + 4.2 + (a ? 1 : 0) + 0.1 * rng.NextNormal()).ToString("R", CultureInfo.InvariantCulture)
                : x1 + x2 > (a ? -0.3 : 0) ? "hi" : "lo";
            sb.Append(CultureInfo.InvariantCulture, $"{1000 + i},{x1:R},{x2:R},{(a ? "a" : "b")},{target}\n");
        }
        File.WriteAllText(path, sb.ToString());
        return path;
    }
}
