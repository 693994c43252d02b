using System.Globalization;
using System.Text;
using Dendrite.Data.Tabular;

namespace Dendrite.Data.Tests.Tabular;

/// <summary>
/// The typed reader keeps a target's numbers without a string per row and decides its task from a tally of every
/// value: the target, and every error about it, must be what the string path (<see cref="TabularCsv.FromRecords"/>)
/// gives for the same values, whether the file is read whole or in chunks.
/// </summary>
public sealed class TypedTargetTests : IDisposable
{
    private readonly CsvFixture _csv = new();

    public void Dispose() => _csv.Dispose();

    private static readonly long[] ChunkSizes = [long.MaxValue, 64, 4096];

    [Fact]
    public void ARegressionTarget_OfDistinctNumbers_IsThatOfTheStringPath()
    {
        var random = new System.Random(5);
        string[] targets = [.. Enumerable.Range(0, 3000).Select(i => i % 7 == 0
            ? (random.NextDouble() * 1e-4).ToString("E3", CultureInfo.InvariantCulture)
            : (random.NextDouble() * 1000 - 500).ToString("F4", CultureInfo.InvariantCulture))];
        TabularFrame expected = Records(targets, new TabularCsvOptions { TargetColumn = "y" });
        Assert.Equal(TaskKind.Regression, expected.Target!.Task);
        foreach (TabularFrame frame in Loads(targets, new TabularCsvOptions { TargetColumn = "y" }))
            Assert.Equal(expected.Target.Values!, frame.Target!.Values!);
    }

    [Fact]
    public void TextClasses_AfterManyDistinctNumbers_AreReadAgain()
    {
        // 300 distinct numbers let the texts go; the 400 texts after them make it classification of text classes.
        string[] targets = [.. Enumerable.Range(0, 300).Select(i => i.ToString(CultureInfo.InvariantCulture)),
            .. Enumerable.Range(0, 400).Select(i => i % 3 == 0 ? "cat" : "dog")];
        var options = new TabularCsvOptions { TargetColumn = "y" };
        TabularFrame expected = Records(targets, options);
        Assert.Equal(302, expected.Target!.ClassNames!.Length);
        foreach (TabularFrame frame in Loads(targets, options))
        {
            Assert.Equal(expected.Target.ClassNames, frame.Target!.ClassNames);
            Assert.Equal(expected.Target.Labels!, frame.Target.Labels!);
        }
    }

    [Fact]
    public void NumericClasses_AndForcedClassification_AreThoseOfTheStringPath()
    {
        string[] targets = [.. Enumerable.Range(0, 500).Select(i => (i % 3 == 0 ? "10" : i % 3 == 1 ? "2" : "2.0"))];
        foreach (TabularCsvOptions options in new[] { new TabularCsvOptions { TargetColumn = "y" }, new TabularCsvOptions { TargetColumn = "y", Task = TaskKind.Classification } })
        {
            TabularFrame expected = Records(targets, options);
            Assert.Equal(["2", "10"], expected.Target!.ClassNames!);
            foreach (TabularFrame frame in Loads(targets, options))
            {
                Assert.Equal(expected.Target.ClassNames, frame.Target!.ClassNames);
                Assert.Equal(expected.Target.Labels!, frame.Target.Labels!);
            }
        }
    }

    [Theory]
    [InlineData("1e39", "target 1e39 is beyond the float32 range")]
    [InlineData("abc", "target 'abc' is not a number (the target is numeric elsewhere")]
    public void TargetErrors_NameTheValueAndLine_AsTheStringPathDoes(string bad, string message)
    {
        string[] targets = [.. Enumerable.Range(0, 400).Select(i => i == 250 ? bad : (i * 0.25).ToString(CultureInfo.InvariantCulture))];
        var options = new TabularCsvOptions { TargetColumn = "y" };
        var expected = Assert.Throws<CsvFormatException>(() => Records(targets, options));
        Assert.Contains(message, expected.Message, StringComparison.Ordinal);
        foreach (long chunk in ChunkSizes)
        {
            var error = Assert.Throws<CsvFormatException>(() => TypedTableReader.Load(Write(targets), options, chunk));
            Assert.Contains(message, error.Message, StringComparison.Ordinal);
            Assert.Contains("line 252", error.Message, StringComparison.Ordinal);
        }
    }

    private IEnumerable<TabularFrame> Loads(string[] targets, TabularCsvOptions options)
    {
        string path = Write(targets);
        foreach (long chunk in ChunkSizes) yield return TypedTableReader.Load(path, options, chunk);
    }

    private string Write(string[] targets)
    {
        var text = new StringBuilder("x,y\n");
        for (int i = 0; i < targets.Length; i++) text.Append(CultureInfo.InvariantCulture, $"{i % 10},{targets[i]}\n");
        return _csv.Write(text.ToString());
    }

    private static TabularFrame Records(string[] targets, TabularCsvOptions options) =>
        TabularCsv.FromRecords("records", ["x", "y"],
            [.. targets.Select((t, i) => (IReadOnlyList<string?>)[(i % 10).ToString(CultureInfo.InvariantCulture), t])], options);
}
