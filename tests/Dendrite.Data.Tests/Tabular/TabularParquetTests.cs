using Dendrite.Data.Tabular;
using Dendrite.Random;

namespace Dendrite.Data.Tests.Tabular;

public sealed class TabularParquetTests : IDisposable
{
    private readonly ParquetFixture _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>
    /// A table of every supported type with nulls in each: int, long, float, double, decimal, bool, a categorical
    /// string with values to trim, and a target (text classes, or a double for regression), some of it missing.
    /// </summary>
    private static ParquetFixture.Column[] Table(int rows, bool regression, int seed = 1)
    {
        var rng = new Rng((ulong)seed);
        var count = new int?[rows];
        var big = new long?[rows];
        var ratio = new float?[rows];
        var x = new double?[rows];
        var price = new decimal?[rows];
        var flag = new bool?[rows];
        var city = new string?[rows];
        var y = new string?[rows];
        var yNumber = new double?[rows];
        string?[] cities = ["Paris", " Oslo ", "Rome", null, "NA"];
        for (int i = 0; i < rows; i++)
        {
            double a = rng.NextNormal() * 3 + 1;
            count[i] = rng.NextInt(10) == 0 ? null : rng.NextInt(1000) - 500;
            big[i] = rng.NextInt(12) == 0 ? null : (long)rng.NextInt(1 << 30) << 20;
            ratio[i] = rng.NextInt(9) == 0 ? null : rng.NextFloat() * 0.1f;
            x[i] = rng.NextInt(8) == 0 ? null : a;
            price[i] = rng.NextInt(7) == 0 ? null : Math.Round((decimal)rng.NextNormal() * 100m, 2);
            flag[i] = rng.NextInt(6) == 0 ? null : rng.NextInt(2) == 0;
            city[i] = cities[rng.NextInt(cities.Length)];
            bool missingTarget = rng.NextInt(50) == 0;
            y[i] = missingTarget ? null : a > 1 ? "yes" : rng.NextInt(2) == 0 ? "no" : "maybe";
            yNumber[i] = missingTarget ? null : Math.Exp(a / 3) + rng.NextFloat();
        }
        return
        [
            new("count", count), new("big", big), new("ratio", ratio), new("x", x), new("price", price), new("flag", flag),
            new("city", city), regression ? new("y", yNumber) : new("y", y),
        ];
    }

    private static TabularCsvOptions Options => new() { TargetColumn = "y", SkipRowsWithMissingTarget = true };

    private static bool IsTraining(int line) => Splits.Hashed(7, line) >= 0.25;

    private static int[] TrainingRows(TabularFrame frame) => [.. Enumerable.Range(0, frame.RowCount).Where(r => IsTraining(frame.LineNumbers[r]))];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ParquetAndCsv_OfOneTable_FitTheSameStatistics_AndTransformToTheSameMatrices(bool regression)
    {
        ParquetFixture.Column[] table = Table(800, regression);
        string parquet = _files.Write(table), csv = _files.WriteCsv(table);
        var preprocessing = new TabularPreprocessorOptions { MissingIndicators = true };

        TabularFrame fromCsv = TabularCsv.Load(csv, Options);
        TabularFrame fromParquet = TabularCsv.Load(parquet, Options);
        TabularPreprocessor expected = TabularPreprocessor.Fit(fromCsv, TrainingRows(fromCsv), preprocessing);
        TabularPreprocessor actual = TabularPreprocessor.Fit(fromParquet, TrainingRows(fromParquet), preprocessing);

        Assert.Equal(fromCsv.Columns.Select(c => c.ToString()), fromParquet.Columns.Select(c => c.ToString()));
        Assert.Equal(["count (Numeric)", "big (Numeric)", "ratio (Numeric)", "x (Numeric)", "price (Numeric)", "flag (Numeric)", "city (Categorical)"],
            fromParquet.Columns.Select(c => c.ToString()));
        // The JSON holds every fitted number in round-trip form: equal text means equal bits.
        Assert.Equal(expected.ToJson(), actual.ToJson());
        Assert.Equal(fromCsv.LineNumbers, fromParquet.LineNumbers);
        Assert.Equal(fromCsv.SkippedLines, fromParquet.SkippedLines);
        Assert.NotEmpty(fromParquet.SkippedLines);
        TabularDataset a = expected.Transform(fromCsv), b = actual.Transform(fromParquet);
        Assert.Equal(a.Features, b.Features);
        Assert.Equal(a.Labels, b.Labels);
        Assert.Equal(a.Targets, b.Targets);
    }

    /// <summary>Loads both files with <paramref name="options"/> and asserts equal frames and fits, or equal errors.</summary>
    private static void AssertSameAsCsv(string csv, string parquet, TabularCsvOptions options)
    {
        TabularFrame fromCsv, fromParquet;
        try
        {
            fromCsv = TabularCsv.Load(csv, options);
        }
        catch (CsvFormatException e)
        {
            var p = Assert.Throws<CsvFormatException>(() => TabularCsv.Load(parquet, options));
            Assert.Equal((e.Line, e.Column, e.Problem), (p.Line, p.Column, p.Problem));
            return;
        }
        fromParquet = TabularCsv.Load(parquet, options);
        Assert.Equal(fromCsv.Columns.Select(c => c.ToString()), fromParquet.Columns.Select(c => c.ToString()));
        Assert.Equal(fromCsv.LineNumbers, fromParquet.LineNumbers);
        Assert.Equal(fromCsv.Ids, fromParquet.Ids);
        TabularPreprocessor a = TabularPreprocessor.Fit(fromCsv), b = TabularPreprocessor.Fit(fromParquet);
        Assert.Equal(a.ToJson(), b.ToJson());
        Assert.Equal(a.Transform(fromCsv).Features, b.Transform(fromParquet).Features);
    }

    public static TheoryData<string> EdgeCases => ["infinity", "numeric marker", "declared categorical", "id", "target is id", "ints as target"];

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void EdgeCases_ReadAsTheSameTableAsCsv(string edge)
    {
        var x = new double?[] { 1.5, -999, 3, 4.25, double.PositiveInfinity, 6, 7, 8, 9, 10, 11, 12 };
        var n = new int?[] { 1, 2, -999, 4, 5, null, 7, 8, 9, 10, 11, 12 };
        var y = new string?[] { "a", "b", "a", "b", "a", "b", "a", "b", "a", "b", "a", "b" };
        if (edge != "infinity") x[4] = 5;
        ParquetFixture.Column[] table = [new("x", x), new("n", n), new("y", y)];
        string parquet = _files.Write(5, table), csv = _files.WriteCsv(table);
        var options = new TabularCsvOptions { TargetColumn = "y" };
        options = edge switch
        {
            "numeric marker" => options with { MissingValues = ["-999", "NA"] },
            "declared categorical" => options with { ColumnKinds = new Dictionary<string, ColumnKind> { ["n"] = ColumnKind.Categorical } },
            "id" => options with { IdColumn = "n" },
            "target is id" => options with { IdColumn = "y" },
            "ints as target" => options with { TargetColumn = "n", SkipRowsWithMissingTarget = true },
            _ => options,
        };

        AssertSameAsCsv(csv, parquet, options);
    }

    [Fact]
    public void ATableWithoutRows_IsAOneLineError()
    {
        string path = _files.Write(new ParquetFixture.Column("x", Array.Empty<double?>()), new ParquetFixture.Column("y", Array.Empty<double?>()));

        var e = CsvFixture.AssertError(path, 1, null, () => TabularCsv.Load(path, new TabularCsvOptions()));
        Assert.Contains("no data rows", e.Message, StringComparison.Ordinal);
        Assert.Throws<CsvFormatException>(() => TabularCsvChunks.Open(path, Options).Fit(_ => true));
    }

    [Fact]
    public void Nulls_AreMissingValues_AndStringsAreTrimmed()
    {
        string path = _files.Write(
            new ParquetFixture.Column("n", new double?[] { 1.5, null, 3, double.NaN }),
            new ParquetFixture.Column("c", new string?[] { " a ", null, "b", "" }),
            new ParquetFixture.Column("y", new int?[] { 0, 1, 0, 1 }));

        TabularFrame frame = TabularCsv.Load(path, new TabularCsvOptions { TargetColumn = "y" });

        Assert.Equal(ColumnKind.Numeric, frame.Columns[0].Kind);
        Assert.Equal([1.5, double.NaN, 3, double.NaN], frame.Columns[0].Numbers!);
        Assert.Equal(ColumnKind.Categorical, frame.Columns[1].Kind);
        Assert.Equal(new string?[] { "a", null, "b", null }, frame.Columns[1].Values);
        Assert.Equal([2, 3, 4, 5], frame.LineNumbers);
    }

    [Fact]
    public void AMissingTarget_IsRefused_NamingTheRowsCsvLine()
    {
        string path = _files.Write(
            new ParquetFixture.Column("x", new double?[] { 1, 2, 3 }),
            new ParquetFixture.Column("y", new string?[] { "a", null, "b" }));

        CsvFixture.AssertError(path, 3, "y", () => TabularCsv.Load(path, new TabularCsvOptions { TargetColumn = "y" }));
    }

    [Fact]
    public void ACategoricalStringColumn_IsOneHotEncoded()
    {
        string path = _files.Write(
            new ParquetFixture.Column("color", new string?[] { "red", "green", "red", "blue", "green", "red" }),
            new ParquetFixture.Column("y", new double?[] { 1, 2, 1, 3, 2, 1 }));

        TabularFrame frame = TabularParquet.Load(path, new TabularCsvOptions { TargetColumn = "y" });
        TabularPreprocessor pre = TabularPreprocessor.Fit(frame);

        Assert.Equal(TaskKind.Classification, frame.Target!.Task);
        Assert.Equal(3, pre.FeatureCount);
        Assert.Equal(["color"], TabularParquet.ReadHeader(path).Take(1));
    }

    [Fact]
    public void AnUnsupportedColumnType_IsAClearError_UnlessTheColumnIsIgnored()
    {
        string path = _files.Write(
            new ParquetFixture.Column("when", new DateTime?[] { new(2020, 1, 1), new(2021, 1, 1), null }),
            new ParquetFixture.Column("x", new double?[] { 1, 2, 3 }),
            new ParquetFixture.Column("y", new double?[] { 1, 2, 3 }));

        var e = CsvFixture.AssertError(path, 1, "when", () => TabularCsv.Load(path, new TabularCsvOptions { TargetColumn = "y" }));
        Assert.Contains("DateTime", e.Message, StringComparison.Ordinal);
        Assert.Contains("not supported", e.Message, StringComparison.Ordinal);

        var ignoring = new TabularCsvOptions { TargetColumn = "y", ColumnKinds = new Dictionary<string, ColumnKind> { ["when"] = ColumnKind.Ignore } };
        Assert.Equal(["x"], TabularCsv.Load(path, ignoring).Columns.Select(c => c.Name));
        Assert.Equal(["when", "x", "y"], TabularCsv.ReadHeader(path));
    }

    [Fact]
    public void AnUnknownTarget_GetsTheCsvMessage()
    {
        string path = _files.Write(new ParquetFixture.Column("x", new double?[] { 1, 2 }), new ParquetFixture.Column("y", new double?[] { 1, 2 }));

        var e = CsvFixture.AssertError(path, 1, "z", () => TabularCsv.Load(path, new TabularCsvOptions { TargetColumn = "z" }));
        Assert.Contains("available columns: 'x', 'y'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void ATruncatedFile_IsAOneLineDataFormatError(double keep)
    {
        string path = _files.Write(Table(300, regression: false));
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * keep)]);

        var e = Assert.Throws<DataFormatException>(() => TabularCsv.Load(path, Options));
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("Parquet", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptBytesInsideTheFile_AreAOneLineDataFormatError()
    {
        string path = _files.Write(Table(300, regression: false));
        byte[] bytes = File.ReadAllBytes(path);
        int footer = BitConverter.ToInt32(bytes, bytes.Length - 8);
        var rng = new Rng(3);
        // Scramble data pages and the footer alike; whatever the decoder meets must come out as one line.
        for (int trial = 0; trial < 40; trial++)
        {
            byte[] copy = (byte[])bytes.Clone();
            int from = trial % 2 == 0 ? 4 : bytes.Length - 8 - footer;
            int to = trial % 2 == 0 ? bytes.Length - 8 - footer : bytes.Length - 8;
            for (int k = 0; k < 8; k++) copy[from + rng.NextInt(to - from)] ^= (byte)(1 + rng.NextInt(255));
            File.WriteAllBytes(path, copy);
            try
            {
                TabularCsv.Load(path, Options);
            }
            catch (DendriteException e)
            {
                Assert.DoesNotContain('\n', e.Message);
                Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void AFileWithoutTheEndMagic_IsRefusedBeforeDecoding()
    {
        string path = _files.NewPath();
        File.WriteAllBytes(path, [.. "PAR1"u8, .. new byte[64]]);

        var e = Assert.Throws<DataFormatException>(() => TabularCsv.Load(path, Options));
        Assert.Contains("not a Parquet file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFooterLongerThanTheFile_IsRefused()
    {
        string path = _files.Write(Table(50, regression: false));
        byte[] bytes = File.ReadAllBytes(path);
        BitConverter.TryWriteBytes(bytes.AsSpan(bytes.Length - 8), int.MaxValue);
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<DataFormatException>(() => TabularCsv.Load(path, Options));
        Assert.Contains("footer claims", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARowGroupClaimingFarMoreValuesThanItsBytesHold_IsRefused_BeforeItsRowsAreAllocated()
    {
        // Millions of nulls take a few bytes (one run of definition levels): the rows a tiny file may claim are limited.
        const int Rows = 2_500_000;
        string path = _files.Write(new ParquetFixture.Column("x", new int?[Rows]), new ParquetFixture.Column("y", new int?[Rows]));
        Assert.True(new FileInfo(path).Length < 50_000, $"{new FileInfo(path).Length} bytes");

        var e = Assert.Throws<DataFormatException>(() => TabularParquet.ReadShape(path));
        Assert.Contains("values per stored byte", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StreamedFit_ReadsOneRowGroupPerChunk_AndMatchesTheInMemoryFit()
    {
        ParquetFixture.Column[] table = Table(1000, regression: true);
        string parquet = _files.Write(128, table), csv = _files.WriteCsv(table);
        var preprocessing = new TabularPreprocessorOptions { MissingIndicators = true, LogTarget = true };
        TabularFrame frame = TabularCsv.Load(csv, Options);
        TabularPreprocessor expected = TabularPreprocessor.Fit(frame, TrainingRows(frame), preprocessing);

        TabularCsvChunks chunks = TabularCsvChunks.Open(parquet, Options);
        TabularStreamFit fit = chunks.Fit(IsTraining, preprocessing);

        Assert.Equal(8, chunks.ChunkCount);
        Assert.Equal(expected.ToJson(), fit.Preprocessor.ToJson());
        Assert.Equal(frame.SkippedLines, fit.SkippedLines);
        TabularDataset inMemory = expected.Transform(frame);
        TabularDataset streamed = chunks.Transform(fit.Preprocessor, _ => 0, 1)[0]!;
        Assert.Equal(inMemory.Features, streamed.Features);
        Assert.Equal(inMemory.Targets, streamed.Targets);
        Assert.Equal(inMemory.LineNumbers, streamed.LineNumbers);
    }

    [Fact]
    public void IsParquet_LooksAtTheMagicBytes_NotTheName()
    {
        string parquet = _files.Write(new ParquetFixture.Column("x", new double?[] { 1 }));
        string renamed = Path.ChangeExtension(parquet, ".csv");
        File.Copy(parquet, renamed);
        string csv = _files.WriteCsv(new ParquetFixture.Column("x", new double?[] { 1 }));

        Assert.True(TabularParquet.IsParquet(parquet));
        Assert.True(TabularParquet.IsParquet(renamed));
        Assert.False(TabularParquet.IsParquet(csv));
        Assert.Equal((1L, 1), TabularParquet.ReadShape(renamed));
    }

    [Fact]
    public void ACsvWhoseFirstColumnIsNamedPar1_IsReadAsCsv()
    {
        string path = _files.NewPath(".csv");
        File.WriteAllText(path, "PAR1,y\n1.5,0\n2.5,1\n3.5,0\n4.5,1\n");

        Assert.False(TabularParquet.IsParquet(path));
        TabularFrame frame = TabularCsv.Load(path, new TabularCsvOptions { TargetColumn = "y" });
        Assert.Equal(4, frame.RowCount);
        Assert.Equal("PAR1", frame.Columns[0].Name);
    }

    [Fact]
    public void AFileCutRightAfterTheMagic_IsStillTakenForParquet()
    {
        string path = _files.Write(Table(300, regression: false));
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..64]);

        Assert.True(TabularParquet.IsParquet(path));
    }
}
