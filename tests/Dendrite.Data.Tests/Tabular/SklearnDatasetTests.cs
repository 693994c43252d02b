using Dendrite.Data.Tabular;

namespace Dendrite.Data.Tests.Tabular;

/// <summary>
/// Real public data sets shipped by the Debian package python3-sklearn. Their first line is "count, features, class
/// names…" rather than a header, which exercises <see cref="TabularCsvOptions.SkipLines"/> and
/// <see cref="TabularCsvOptions.ColumnNames"/>. The tests fail (never skip) when the package is missing.
/// </summary>
public sealed class SklearnDatasetTests
{
    private const string DataDirectory = "/usr/lib/python3/dist-packages/sklearn/datasets/data";

    private static string Require(string name)
    {
        string path = Path.Combine(DataDirectory, name);
        if (!File.Exists(path)) Assert.Fail($"{path} is missing; install the Debian package python3-sklearn (apt-get install python3-sklearn)");
        return path;
    }

    [Fact]
    public void BostonHousePrices_LoadsAsRegression_AndLeastSquaresOnItsFeaturesGivesTheKnownR2()
    {
        // Line 1 is "506,13,,,…", line 2 the header CRIM … LSTAT, MEDV (median value in $1000s).
        TabularFrame frame = TabularCsv.Load(Require("boston_house_prices.csv"), new TabularCsvOptions { TargetColumn = "MEDV", SkipLines = 1 });
        TabularPreprocessor pre = TabularPreprocessor.Fit(frame);
        TabularDataset data = pre.Transform(frame);

        Assert.Equal(506, data.Count);
        Assert.Equal(13, data.FeatureCount);
        Assert.All(frame.Columns, c => Assert.Equal(ColumnKind.Numeric, c.Kind));
        Assert.Equal(TaskKind.Regression, frame.Target!.Task);
        Assert.Equal(3, frame.LineNumbers[0]);
        Assert.Equal(22.532806324110677, pre.Target!.Mean, 5);
        for (int j = 0; j < data.FeatureCount; j++)
        {
            double[] x = Enumerable.Range(0, data.Count).Select(i => (double)data.Features[i * data.FeatureCount + j]).ToArray();
            Assert.Equal(0, x.Average(), 5);
            Assert.Equal(1, Math.Sqrt(x.Select(v => v * v).Average()), 5);
        }

        // Ordinary least squares with an intercept: R² = 0.7406426641 (numpy.linalg.lstsq on the same file).
        float[] predictions = LeastSquaresFit(data.Features, data.FeatureCount, data.Targets!);
        pre.TargetsFromModel(predictions, predictions);
        Assert.Equal(0.7406426641094094, RegressionMetrics.RSquared(predictions, data.RawTargets!), 4);
        Assert.Equal(4.679191295697282, RegressionMetrics.Rmse(predictions, data.RawTargets!), 3);
    }

    [Fact]
    public void BreastCancer_LoadsAsBinaryClassification_WithTheKnownClassBalance()
    {
        // Line 1 is "569,30,malignant,benign"; no header, 30 features then the label (0 malignant, 1 benign).
        string[] names = [.. Enumerable.Range(0, 30).Select(i => $"f{i}"), "label"];
        TabularFrame frame = TabularCsv.Load(Require("breast_cancer.csv"), new TabularCsvOptions { TargetColumn = "label", SkipLines = 1, ColumnNames = names });
        TabularDataset data = TabularPreprocessor.Fit(frame).Transform(frame);

        Assert.Equal(569, data.Count);
        Assert.Equal(30, data.FeatureCount);
        Assert.Equal(["0", "1"], data.ClassNames!);
        Assert.Equal(212, data.Labels!.Count(l => l == 0));
        Assert.Equal(357, data.Labels!.Count(l => l == 1));
    }

    [Fact]
    public void Wine_LoadsAsThreeClassClassification_WithTheKnownClassBalance()
    {
        string[] names = [.. Enumerable.Range(0, 13).Select(i => $"f{i}"), "cultivar"];
        TabularFrame frame = TabularCsv.Load(Require("wine_data.csv"), new TabularCsvOptions { TargetColumn = "cultivar", SkipLines = 1, ColumnNames = names });
        InMemoryDataset data = TabularPreprocessor.Fit(frame).Transform(frame).ToInMemoryDataset();

        Assert.Equal(178, data.Count);
        Assert.Equal(3, data.ClassCount);
        Assert.Equal([59, 71, 48], Enumerable.Range(0, 3).Select(k => data.Labels.Count(l => l == k)));
    }

    /// <summary>Least squares with intercept via the normal equations in double (Gaussian elimination, partial pivoting).</summary>
    private static float[] LeastSquaresFit(float[] features, int d, float[] targets)
    {
        int n = targets.Length, m = d + 1;
        var a = new double[m, m + 1];
        for (int i = 0; i < n; i++)
        {
            var row = new double[m];
            row[0] = 1;
            for (int j = 0; j < d; j++) row[j + 1] = features[i * d + j];
            for (int p = 0; p < m; p++)
            {
                for (int q = 0; q < m; q++) a[p, q] += row[p] * row[q];
                a[p, m] += row[p] * targets[i];
            }
        }
        for (int c = 0; c < m; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < m; r++) if (Math.Abs(a[r, c]) > Math.Abs(a[pivot, c])) pivot = r;
            for (int k = 0; k <= m; k++) (a[c, k], a[pivot, k]) = (a[pivot, k], a[c, k]);
            for (int r = 0; r < m; r++)
            {
                if (r == c) continue;
                double f = a[r, c] / a[c, c];
                for (int k = c; k <= m; k++) a[r, k] -= f * a[c, k];
            }
        }
        var predictions = new float[n];
        for (int i = 0; i < n; i++)
        {
            double p = a[0, m] / a[0, 0];
            for (int j = 0; j < d; j++) p += a[j + 1, m] / a[j + 1, j + 1] * features[i * d + j];
            predictions[i] = (float)p;
        }
        return predictions;
    }
}
