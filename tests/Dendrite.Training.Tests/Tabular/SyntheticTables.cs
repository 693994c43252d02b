using System.Globalization;
using System.Text;
using Dendrite.Data.Tabular;
using Dendrite.Random;
using Dendrite.TestKit;

namespace Dendrite.Training.Tests.Tabular;

/// <summary>Writes small synthetic tables as CSV files in a temp folder and loads them.</summary>
internal sealed class SyntheticTables : IDisposable
{
    private readonly TempDirectory _dir = new("dendrite-tabular-");
    private int _count;

    /// <summary>y = 2·x1 − 3.4·x2 + 4.2 + N(0, 0.01²), x ~ N(0, 1): d2l's synthetic linear-regression data.</summary>
    public static double Linear(double x1, double x2) => 2 * x1 - 3.4 * x2 + 4.2;

    /// <summary>y = sin(3·x1) + x2²: no straight line fits it.</summary>
    public static double Nonlinear(double x1, double x2) => Math.Sin(3 * x1) + x2 * x2;

    /// <summary>A CSV "x1,x2,y" of <paramref name="rows"/> rows with x ~ U(−1.5, 1.5)² or N(0, 1)² and y = f(x) + N(0, noise²).</summary>
    public string Regression(int rows, Func<double, double, double> f, double noise, ulong seed, bool uniform = false)
    {
        var rng = new Rng(seed);
        var sb = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < rows; i++)
        {
            double x1 = uniform ? 3 * rng.NextDouble() - 1.5 : rng.NextNormal();
            double x2 = uniform ? 3 * rng.NextDouble() - 1.5 : rng.NextNormal();
            double y = f(x1, x2) + noise * rng.NextNormal();
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"{x1:R},{x2:R},{y:R}\n"));
        }
        return Write(sb.ToString());
    }

    public string Write(string text)
    {
        string path = _dir.Combine($"table{_count++}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    public static TabularFrame Load(string path, string target = "y") => TabularCsv.Load(path, new TabularCsvOptions { TargetColumn = target });

    public void Dispose() => _dir.Dispose();
}
