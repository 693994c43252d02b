using System.Globalization;
using System.Text;
using Dendrite.Random;
using Dendrite.TestKit;
using Dendrite.Training.Runs;

namespace Dendrite.Training.Tests;

/// <summary>Writes small synthetic tables as CSV files in a temp folder.</summary>
internal sealed class SyntheticTables : IDisposable
{
    private static readonly string[] Cities = ["north", "south", "east"];

    private readonly TempDirectory _dir = new("dendrite-tabular-");
    private int _count;

    /// <summary>The folder the tables are written to.</summary>
    public string Folder => _dir.Path;

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

    /// <summary>
    /// "id,city,size,y" or "id,city,size,label": city categorical with ~15% missing, size numeric with ~15% missing,
    /// y = 3·size + city effect + noise; label = "big" when y &gt; 0 else "small".
    /// </summary>
    public string Mixed(int rows, ulong seed, bool withLabel = false)
    {
        var rng = new Rng(seed);
        var sb = new StringBuilder(withLabel ? "id,city,size,label\n" : "id,city,size,y\n");
        for (int i = 0; i < rows; i++)
        {
            int c = (int)(rng.NextDouble() * 3);
            double size = rng.NextNormal();
            double y = 3 * size + (c - 1) * 2 + 0.1 * rng.NextNormal();
            string city = rng.NextDouble() < 0.15 ? "" : Cities[c];
            string sizeText = rng.NextDouble() < 0.15 ? "NA" : size.ToString("R", CultureInfo.InvariantCulture);
            string target = withLabel ? (y > 0 ? "big" : "small") : y.ToString("R", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"r{i},{city},{sizeText},{target}\n");
        }
        return Write(sb.ToString());
    }

    /// <summary>New rows without a target, columns reordered, an extra column, an unseen category and missing values.</summary>
    public string NewMixedRows() => Write(
        "size,extra,city,id\n" +
        "0.5,x,north,n1\n" +
        "-1.25,x,west,n2\n" +   // unseen category → all one-hot zeros
        "NA,x,south,n3\n" +     // missing numeric → training mean
        "2,x,,n4\n" +           // missing categorical → training mode
        ",x,,n5\n");

    public string Write(string text)
    {
        string path = _dir.Combine($"table{_count++}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A fresh folder path under the temp folder (not created), for run folders.</summary>
    public string NewFolder(string name) => _dir.Combine(name);

    /// <summary>
    /// A table run's settings as the table defaults give them, then: <paramref name="hidden"/> ReLU layers, SGD at
    /// <paramref name="lr"/>, <paramref name="epochs"/> epochs of <paramref name="batchSize"/>, seed <paramref name="seed"/>.
    /// </summary>
    public static RunConfig TableRun(CsvSource source, int[] hidden, int epochs, int batchSize, float lr = 0.05f, ulong seed = 0) =>
        RunConfig.TableDefault(source) with
        {
            Model = RunConfig.TableDefault(source).Model with { Hidden = hidden },
            Optimizer = new Optim.OptimizerSettings(Optim.OptimizerKind.Sgd, lr, 0f),
            Training = new TrainerOptions(Epochs: epochs, BatchSize: batchSize),
            Seed = seed,
        };

    public void Dispose() => _dir.Dispose();
}
