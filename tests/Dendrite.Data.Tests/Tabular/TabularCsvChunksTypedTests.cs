using System.Globalization;
using System.Text;
using Dendrite.Data.Tabular;

namespace Dendrite.Data.Tests.Tabular;

/// <summary>
/// A streamed CSV file is read chunk by chunk into typed columns from its field bytes, the next chunks tokenized ahead
/// on the thread pool: every chunk's frame and error must be those of the chunk's table of strings built by
/// <see cref="TabularCsv.Build"/> (the reference the streamed path used to read), and the fit and transform those of
/// the file loaded whole.
/// </summary>
public sealed class TabularCsvChunksTypedTests : IDisposable
{
    private readonly CsvFixture _csv = new();

    public void Dispose() => _csv.Dispose();

    /// <summary>Chunk sizes down to a record per chunk; the last puts the whole file in chunk 0.</summary>
    private static readonly long[] ChunkSizes = [1, 64, 333, 4096, 1 << 20];

    /// <summary>Sizes that leave a fault near the end out of chunk 0, which <see cref="TabularCsvChunks.Open"/> reads.</summary>
    private static readonly long[] SplitSizes = ChunkSizes[..^1];

    private static TabularCsvOptions Options => new() { TargetColumn = "y", IdColumn = "id", SkipRowsWithMissingTarget = true };

    /// <summary>Quoted fields with delimiters, line breaks and doubled quotes, blank lines, NA and empty fields.</summary>
    private static string Tricky(int rows, Func<int, string>? x = null, Func<int, string>? y = null)
    {
        var text = new StringBuilder("id,x,cat,note,n,y\n");
        for (int i = 0; i < rows; i++)
        {
            string xi = x?.Invoke(i) ?? (i % 11 == 0 ? "NA" : i % 13 == 0 ? "" : (i * 0.37 - 20).ToString("R", CultureInfo.InvariantCulture));
            string cat = (i % 4) switch { 0 => "\"a,b\"", 1 => "\"say \"\"hi\"\"\"", 2 => "\"two\nlines\"", _ => " plain " };
            string note = i % 17 == 0 ? "" : i % 23 == 0 ? "\"a long\n\nnote, on\nfour lines\"" : $"n{i % 5}";
            string yi = y?.Invoke(i) ?? (i % 19 == 7 ? "" : (i % 3).ToString(CultureInfo.InvariantCulture));
            text.Append(CultureInfo.InvariantCulture, $"r{i},{xi},{cat},{note},{i % 300 * 1.5},{yi}\n");
            if (i % 50 == 49) text.Append('\n'); // a blank line now and then
        }
        return text.ToString();
    }

    public static TheoryData<string> Loadings => ["plain", "declared", "no target", "forced task", "target as id", "unknown column"];

    private static TabularCsvOptions Loading(string name) => name switch
    {
        "declared" => Options with { ColumnKinds = new Dictionary<string, ColumnKind> { ["x"] = ColumnKind.Numeric, ["n"] = ColumnKind.Categorical, ["note"] = ColumnKind.Ignore } },
        "no target" => new TabularCsvOptions { IdColumn = "id" },
        "forced task" => Options with { Task = TaskKind.Regression },
        // Errors of the header, in Build's order: the target as the id before an unknown declared column.
        "target as id" => Options with { IdColumn = "y", ColumnKinds = new Dictionary<string, ColumnKind> { ["zz"] = ColumnKind.Numeric } },
        "unknown column" => Options with { ColumnKinds = new Dictionary<string, ColumnKind> { ["zz"] = ColumnKind.Numeric } },
        _ => Options,
    };

    [Theory]
    [MemberData(nameof(Loadings))]
    public void ChunkFrames_AreThoseOfTheTableOfStrings(string loading)
    {
        // 350 distinct numbers then text: the chunks holding both read the texts of x again from their records.
        string path = _csv.Write(Tricky(600, x: i => i < 350 ? i.ToString(CultureInfo.InvariantCulture) : i % 7 == 0 ? "NA" : $"t{i % 3}"));
        foreach (long size in ChunkSizes) AssertChunksAsStrings(path, Loading(loading), size);
    }

    [Theory]
    [InlineData("r390,1,2,3,4,5,6")]     // a ragged row
    [InlineData("r390,1,\"open,x,1,1")]   // a quote that never closes
    [InlineData("r390,1,\"a\"b,x,1,1")]   // a stray quote
    [InlineData("r390,oops,a,x,1,1")]     // text in a numeric column
    [InlineData("r390,1,a,x,1,")]         // a missing target, not skipped below
    [InlineData("r390,1,a,x,1,1.5")]      // a fraction among integer classes
    public void ChunkFrames_FailLikeTheTableOfStrings(string badRow)
    {
        string path = _csv.Write(Tricky(380) + badRow + "\n" + "r391,1,a,x,1,1\n");
        foreach (long size in SplitSizes)
        {
            AssertChunksAsStrings(path, Options, size);
            AssertChunksAsStrings(path, Options with { SkipRowsWithMissingTarget = false, Task = TaskKind.Classification }, size);
        }
    }

    [Theory]
    [InlineData("r390,1,2,3,4,5,6")]
    [InlineData("r390,1,\"open,x,1,1")]
    [InlineData("r390,1,\"a\"b,x,1,1")]
    public void StreamedFit_FailsOnAMalformedChunk_WithTheMessageOfItsTableOfStrings(string badRow)
    {
        string path = _csv.Write(Tricky(380) + badRow + "\n" + "r391,1,a,x,1,1\n");
        foreach (long size in SplitSizes)
        {
            TabularCsvChunks chunks = TabularCsvChunks.Open(path, Options, size);
            DataFormatException expected = FirstFault(chunks);
            var fit = Assert.ThrowsAny<DataFormatException>(() => chunks.Fit(_ => true));
            var transform = Assert.ThrowsAny<DataFormatException>(() => chunks.Transform(Fitted(path), _ => 0, 1));
            foreach (DataFormatException actual in new[] { fit, transform })
            {
                Assert.Equal(expected.GetType(), actual.GetType());
                Assert.Equal(expected.Message, actual.Message);
            }
        }
    }

    [Theory]
    [InlineData("r390,oops,a,x,1,1", 0)]  // text in a numeric column: a typo
    [InlineData("r390,1,a,x,1,", 1)]      // a missing target, not skipped
    [InlineData("r390,1,a,x,1,cat", 0)]   // text among numeric targets
    public void StreamedFit_FailsLikeLoading_WithTheSameLineAndColumn(string badRow, int noSkip)
    {
        string path = _csv.Write(Tricky(380) + badRow + "\n" + "r391,1,a,x,1,1\n");
        TabularCsvOptions options = Options with { SkipRowsWithMissingTarget = noSkip == 0 };
        var expected = Assert.Throws<CsvFormatException>(() => TabularPreprocessor.Fit(TabularCsv.Load(path, options)));
        foreach (long size in ChunkSizes)
        {
            var actual = Assert.Throws<CsvFormatException>(() => TabularCsvChunks.Open(path, options, size).Fit(_ => true));
            Assert.Equal(expected.Message, actual.Message);
            Assert.Equal(expected.Line, actual.Line);
            Assert.Equal(expected.Column, actual.Column);
        }
    }

    [Fact]
    public void StreamedFitAndTransform_EqualLoading_WhenAColumnTurnsCategoricalInALaterChunk_AndAChunkHasNoTarget()
    {
        // x: 350 distinct numbers, then texts; y: missing on every row from 100 to 199, so whole chunks have no row.
        string path = _csv.Write(Tricky(600, x: i => i < 350 ? i.ToString(CultureInfo.InvariantCulture) : $"t{i % 3}",
            y: i => i is >= 100 and < 200 ? "NA" : (i % 3).ToString(CultureInfo.InvariantCulture)));
        TabularFrame frame = TabularCsv.Load(path, Options);
        Assert.Equal(ColumnKind.Categorical, frame.FindColumn("x")!.Kind);
        TabularPreprocessor expected = TabularPreprocessor.Fit(frame);
        TabularDataset expectedData = expected.Transform(frame);
        foreach (long size in new long[] { 64, 333 })
        {
            TabularCsvChunks chunks = TabularCsvChunks.Open(path, Options, size);
            TabularCsvOptions loading = expected.ConfigureLoading(Options);
            Assert.Contains(Enumerable.Range(0, chunks.ChunkCount), c => chunks.ReadFrame(c, loading) is { RowCount: 0, SkippedLines.Length: > 0 });

            TabularStreamFit fit = chunks.Fit(_ => true);
            TabularDataset data = chunks.Transform(fit.Preprocessor, _ => 0, 1)[0]!;

            Assert.Equal(expected.ToJson(), fit.Preprocessor.ToJson());
            Assert.Equal(frame.SkippedLines, fit.SkippedLines);
            Assert.Equal(expectedData.Features, data.Features);
            Assert.Equal(expectedData.Labels, data.Labels);
            Assert.Equal(expectedData.Ids, data.Ids);
            Assert.Equal(expectedData.LineNumbers, data.LineNumbers);
        }
    }

    [Fact]
    public void StreamedFit_EqualsLoading_WhenChunksAreCutBetweenTheLinesOfQuotedText()
    {
        // Every tenth note spans 40 lines: most cut points of small chunks fall inside one, and move past it.
        string path = _csv.Write(Tricky(300, y: i => (i % 7 * 0.5).ToString(CultureInfo.InvariantCulture))
            .Replace("n3", "\"" + string.Join('\n', Enumerable.Range(0, 40).Select(k => $"line {k}, \"\"quoted\"\"")) + "\"", StringComparison.Ordinal));
        TabularFrame frame = TabularCsv.Load(path, Options);
        var preprocessing = new TabularPreprocessorOptions { MissingIndicators = true };
        TabularPreprocessor expected = TabularPreprocessor.Fit(frame, preprocessing);
        TabularDataset expectedData = expected.Transform(frame);
        foreach (long size in ChunkSizes)
        {
            TabularCsvChunks chunks = TabularCsvChunks.Open(path, Options, size);
            TabularStreamFit fit = chunks.Fit(_ => true, preprocessing);
            Assert.Equal(expected.ToJson(), fit.Preprocessor.ToJson());
            TabularDataset data = chunks.Transform(fit.Preprocessor, _ => 0, 1)[0]!;
            Assert.Equal(expectedData.Features, data.Features);
            Assert.Equal(expectedData.Targets, data.Targets);
        }
    }

    private TabularPreprocessor Fitted(string path)
    {
        string clean = _csv.Write(Tricky(100));
        return TabularPreprocessor.Fit(TabularCsv.Load(clean, Options));
    }

    /// <summary>The error of the first chunk whose table of strings cannot be read.</summary>
    private static DataFormatException FirstFault(TabularCsvChunks chunks)
    {
        for (int c = 0; c < chunks.ChunkCount; c++)
        {
            try
            {
                chunks.ReadChunk(c);
            }
            catch (DataFormatException e)
            {
                return e;
            }
        }
        throw new InvalidOperationException("every chunk reads");
    }

    /// <summary>Reads every chunk both ways: the same frame, or the same error.</summary>
    private static void AssertChunksAsStrings(string path, TabularCsvOptions loading, long chunkBytes)
    {
        TabularCsvChunks chunks = TabularCsvChunks.Open(path, Options with { ColumnKinds = null }, chunkBytes);
        for (int c = 0; c < chunks.ChunkCount; c++)
        {
            TabularFrame? expected = null, actual = null;
            Exception? expectedError = null, actualError = null;
            try { expected = TabularCsv.Build(chunks.ReadChunk(c), loading, allowNoRows: true); }
            catch (DataFormatException e) { expectedError = e; }
            try { actual = chunks.ReadFrame(c, loading); }
            catch (DataFormatException e) { actualError = e; }
            if (expectedError is not null)
            {
                Assert.NotNull(actualError);
                Assert.Equal(expectedError.GetType(), actualError.GetType());
                Assert.Equal(expectedError.Message, actualError.Message);
                continue;
            }
            Assert.Null(actualError);
            AssertSameFrame(expected!, actual!);
        }
    }

    private static void AssertSameFrame(TabularFrame expected, TabularFrame actual)
    {
        Assert.Equal(expected.Delimiter, actual.Delimiter);
        Assert.Equal(expected.LineNumbers, actual.LineNumbers);
        Assert.Equal(expected.SkippedLines, actual.SkippedLines);
        Assert.Equal(expected.Ids, actual.Ids);
        Assert.Equal(expected.IdColumn, actual.IdColumn);
        Assert.Equal(expected.Columns.Count, actual.Columns.Count);
        for (int c = 0; c < expected.Columns.Count; c++)
        {
            TabularColumn e = expected.Columns[c], a = actual.Columns[c];
            Assert.Equal(e.Name, a.Name);
            Assert.Equal(e.Kind, a.Kind);
            if (e.Numbers is null)
            {
                Assert.Null(a.Numbers);
                Assert.Equal(e.Values, a.Values);
            }
            else
            {
                // A numeric column's texts may be the numbers written back ("1.50" as "1.5"), as loading gives them.
                Assert.Equal(e.Numbers.Select(BitConverter.DoubleToInt64Bits), a.Numbers!.Select(BitConverter.DoubleToInt64Bits));
            }
        }
        if (expected.Target is null)
        {
            Assert.Null(actual.Target);
            return;
        }
        Assert.Equal(expected.Target.Task, actual.Target!.Task);
        Assert.Equal(expected.Target.ClassNames, actual.Target.ClassNames);
        Assert.Equal(expected.Target.Labels, actual.Target.Labels);
        Assert.Equal(expected.Target.Values, actual.Target.Values);
    }
}
