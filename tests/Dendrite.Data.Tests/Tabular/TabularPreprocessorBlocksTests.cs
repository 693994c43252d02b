using System.Globalization;
using System.Text;
using Dendrite.Data.Tabular;

namespace Dendrite.Data.Tests.Tabular;

/// <summary>
/// Large frames are fitted column by column and transformed block by block on all cores: the error reported must be
/// the one a sequential pass meets first (the first failing column, at its first failing row).
/// </summary>
public sealed class TabularPreprocessorBlocksTests : IDisposable
{
    private readonly CsvFixture _csv = new();

    public void Dispose() => _csv.Dispose();

    [Fact]
    public void Transform_OfManyRows_ReportsTheFirstColumnsFirstFailure()
    {
        const int Rows = 40_000;
        var text = new StringBuilder("x,z,c,y\n");
        for (int i = 0; i < Rows; i++)
        {
            // Row 30,000 is far off in x (the first column), row 10 in z: a column-major pass meets x's row first.
            string x = i == 30_000 ? "1e300" : (i % 7).ToString(CultureInfo.InvariantCulture);
            string z = i == 10 ? "-1e300" : (i % 5).ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{x},{z},k{i % 3},{i % 2}\n");
        }
        string path = _csv.Write(text.ToString());
        TabularFrame frame = TabularCsv.Load(path, new TabularCsvOptions { TargetColumn = "y" });
        int[] training = Enumerable.Range(0, Rows).Where(r => r != 10 && r != 30_000).ToArray();
        TabularPreprocessor pre = TabularPreprocessor.Fit(frame, training);

        // The training rows alone transform, and equal their rows of the whole.
        TabularDataset part = pre.Transform(frame, training);
        Assert.Equal(training.Length * pre.FeatureCount, part.Features.Length);

        CsvFixture.AssertError(path, 30_002, "x", () => pre.Transform(frame));
    }

    [Fact]
    public void Fit_OfManyColumns_ReportsTheFirstConstantColumn()
    {
        var text = new StringBuilder("a,b,c,d,e,f,y\n");
        for (int i = 0; i < 100; i++) text.Append(CultureInfo.InvariantCulture, $"{i},{i * 2},5,{i % 3},7,k,{i % 2}\n");
        string path = _csv.Write(text.ToString());
        TabularFrame frame = TabularCsv.Load(path, new TabularCsvOptions { TargetColumn = "y" });

        CsvFixture.AssertError(path, 0, "c", () => TabularPreprocessor.Fit(frame));
    }
}
