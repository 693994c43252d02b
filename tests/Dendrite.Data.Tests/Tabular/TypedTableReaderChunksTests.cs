using System.Globalization;
using System.Text;
using Dendrite.Data.Tabular;

namespace Dendrite.Data.Tests.Tabular;

/// <summary>
/// A large file is tokenized in chunks on several threads and consumed in file order: the frame, and every error with
/// its line, must be exactly those of the sequential read, whatever the chunk size.
/// </summary>
public sealed class TypedTableReaderChunksTests : IDisposable
{
    private readonly CsvFixture _csv = new();

    public void Dispose() => _csv.Dispose();

    private static readonly long[] ChunkSizes = [1, 7, 64, 333, 4096];

    /// <summary>Quoted fields with delimiters, line breaks and doubled quotes, CRLF, blank lines, NA and empty fields.</summary>
    private static string Tricky(int rows, string newline, Func<int, string>? xOverride = null)
    {
        var text = new StringBuilder();
        text.Append("id,x,cat,note,n,y").Append(newline);
        for (int i = 0; i < rows; i++)
        {
            string x = xOverride?.Invoke(i) ?? (i % 11 == 0 ? "NA" : i % 13 == 0 ? "" : (i * 0.37 - 20).ToString("R", CultureInfo.InvariantCulture));
            string cat = (i % 4) switch { 0 => "\"a,b\"", 1 => "\"say \"\"hi\"\"\"", 2 => "\"two\nlines\"", _ => " plain " };
            string note = i % 17 == 0 ? "" : $"n{i % 5}";
            string y = i % 19 == 7 ? "" : (i % 3).ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"r{i},{x},{cat},{note},{i % 300 * 1.5},{y}").Append(newline);
            if (i % 50 == 49) text.Append(newline); // a blank line now and then
        }
        return text.ToString();
    }

    private static TabularCsvOptions Options => new() { TargetColumn = "y", IdColumn = "id", SkipRowsWithMissingTarget = true };

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void ChunkedLoad_EqualsTheSequentialLoad(string newline)
    {
        string path = _csv.Write(Tricky(400, newline));
        TabularFrame expected = TypedTableReader.Load(path, Options, long.MaxValue);
        foreach (long chunk in ChunkSizes) AssertSameFrame(expected, TypedTableReader.Load(path, Options, chunk));
    }

    [Fact]
    public void ChunkedLoad_EqualsTheSequentialLoad_WithoutATrailingLineBreak_AndWithSkippedLines()
    {
        string text = "skip me\n" + Tricky(300, "\n").TrimEnd('\n');
        string path = _csv.Write(text);
        TabularCsvOptions options = Options with { SkipLines = 1 };
        TabularFrame expected = TypedTableReader.Load(path, options, long.MaxValue);
        foreach (long chunk in ChunkSizes) AssertSameFrame(expected, TypedTableReader.Load(path, options, chunk));
    }

    [Fact]
    public void ChunkedLoad_ReadsTextsAgain_ForAColumnThatTurnsCategoricalAfterManyNumbers()
    {
        // 350 distinct numbers let the texts go; the text values after them make the column categorical.
        string path = _csv.Write(Tricky(400, "\n", i => i < 350 ? i.ToString(CultureInfo.InvariantCulture) : $"t{i % 3}"));
        TabularFrame expected = TypedTableReader.Load(path, Options, long.MaxValue);
        Assert.Equal(ColumnKind.Categorical, expected.FindColumn("x")!.Kind);
        foreach (long chunk in ChunkSizes) AssertSameFrame(expected, TypedTableReader.Load(path, Options, chunk));
    }

    [Theory]
    [InlineData("r390,1,2,3,4,5,6")]   // a ragged row
    [InlineData("r390,1,\"open,x,1,1")] // a quote that never closes
    [InlineData("r390,1,\"a\"b,x,1,1")] // a stray quote
    [InlineData("r390,oops,a,x,1,1")]   // text in a numeric column
    public void ChunkedLoad_FailsLikeTheSequentialLoad(string badRow)
    {
        string text = Tricky(380, "\n") + badRow + "\n" + "r391,1,a,x,1,1\n";
        string path = _csv.Write(text);
        var expected = Assert.ThrowsAny<DataFormatException>(() => TypedTableReader.Load(path, Options, long.MaxValue));
        foreach (long chunk in ChunkSizes)
        {
            var actual = Assert.ThrowsAny<DataFormatException>(() => TypedTableReader.Load(path, Options, chunk));
            Assert.Equal(expected.GetType(), actual.GetType());
            Assert.Equal(expected.Message, actual.Message);
        }
    }

    private static void AssertSameFrame(TabularFrame expected, TabularFrame actual)
    {
        Assert.Equal(expected.Delimiter, actual.Delimiter);
        Assert.Equal(expected.LineNumbers, actual.LineNumbers);
        Assert.Equal(expected.SkippedLines, actual.SkippedLines);
        Assert.Equal(expected.Ids, actual.Ids);
        Assert.Equal(expected.Columns.Count, actual.Columns.Count);
        for (int c = 0; c < expected.Columns.Count; c++)
        {
            TabularColumn e = expected.Columns[c], a = actual.Columns[c];
            Assert.Equal(e.Name, a.Name);
            Assert.Equal(e.Kind, a.Kind);
            Assert.Equal(e.Values, a.Values);
            if (e.Numbers is null) Assert.Null(a.Numbers);
            else Assert.Equal(e.Numbers.Select(BitConverter.DoubleToInt64Bits), a.Numbers!.Select(BitConverter.DoubleToInt64Bits));
        }
        Assert.Equal(expected.Target!.Task, actual.Target!.Task);
        Assert.Equal(expected.Target.ClassNames, actual.Target.ClassNames);
        Assert.Equal(expected.Target.Labels, actual.Target.Labels);
        Assert.Equal(expected.Target.Values, actual.Target.Values);
    }
}
