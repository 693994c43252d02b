using System.IO.Compression;
using System.Text;
using Dendrite.Data.Tabular;
using Dendrite.TestKit;

namespace Dendrite.Data.Tests.Tabular;

/// <summary>
/// Input that is not a CSV, or a CSV built to exhaust the reader, fails with a one-line <see cref="CsvFormatException"/>
/// after a bounded amount of reading and memory, instead of hanging, running out of memory or producing garbage.
/// </summary>
public sealed class CsvHostileInputTests : IDisposable
{
    private readonly TempDirectory _dir = new("dendrite-csv-hostile-");

    public void Dispose() => _dir.Dispose();

    private string WriteBytes(string name, byte[] bytes)
    {
        string path = _dir.Combine(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Loads and returns the error, checking it is one line of bounded length and the allocation bound.</summary>
    private static CsvFormatException LoadFails(string path, TabularCsvOptions? options = null, long maxAllocated = 64L << 20)
    {
        TabularCsv.Load(WarmupFile(), new TabularCsvOptions()); // JIT and pools out of the measurement
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<CsvFormatException>(() => TabularCsv.Load(path, options));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < maxAllocated, $"allocated {allocated} bytes before failing");
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.True(e.Message.Length - path.Length <= 300, $"{e.Message.Length - path.Length} characters after the path: {e.Message}");
        return e;
    }

    private static string WarmupFile()
    {
        string path = Path.Combine(Path.GetTempPath(), "dendrite-csv-warmup.csv");
        File.WriteAllText(path, "a,b\n1,2\n3,4\n");
        return path;
    }

    [Fact]
    public void Load_DevZero_IsNotATextCsv_Immediately()
    {
        if (!File.Exists("/dev/zero")) return; // Linux and macOS have it; the CI machine is Linux

        var e = LoadFails("/dev/zero", maxAllocated: 1 << 20);

        Assert.Contains("not a text CSV: a NUL byte at byte offset 0", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BinaryFiles() => new()
    {
        { "gzip", "gzip-compressed data" },
        { "png", "PNG image" },
        { "noise", "not a text CSV" },
        { "control", "control character 0x01" },
        { "latin1", "is not UTF-8" },
    };

    [Theory]
    [MemberData(nameof(BinaryFiles))]
    public void Load_BinaryInput_IsReportedAsNotATextCsv_NotAsColumnNames(string kind, string expected)
    {
        byte[] csv = Encoding.UTF8.GetBytes("price,area\n1.5,20\n2.5,30\n");
        byte[] bytes = kind switch
        {
            "gzip" => Gzip(csv),
            "png" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52],
            "noise" => Noise(4096),
            "control" => Encoding.UTF8.GetBytes("a,b\n1,\u0001\n"),
            _ => Encoding.Latin1.GetBytes("ville,prix\nSète,1.5\nNîmes,2.5\n"),
        };
        string path = WriteBytes(kind + ".csv", bytes);

        var e = LoadFails(path);

        Assert.Contains("not a text CSV", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TextPaddedWithZerosAfterTheFirstKilobyte_FailsNamingTheLineOfTheFirstNul()
    {
        var text = new StringBuilder("a,b\n");
        for (int i = 0; i < 200; i++) text.Append(i).Append(",1.5\n");
        byte[] head = Encoding.UTF8.GetBytes(text.ToString());
        string path = WriteBytes("padded.csv", [.. head, .. new byte[1 << 20]]);

        var e = LoadFails(path);

        Assert.Contains($"a NUL byte at byte offset {head.Length}", e.Message, StringComparison.Ordinal);
        Assert.Equal(202, e.Line);
    }

    [Fact]
    public void Load_Utf16FileWithByteOrderMark_StillLoads()
    {
        string path = _dir.Combine("utf16.csv");
        File.WriteAllText(path, "a,y\n1,2.5\n3,4.5\n", Encoding.Unicode);

        TabularFrame frame = TabularCsv.Load(path, new TabularCsvOptions { TargetColumn = "y" });

        Assert.Equal([2.5f, 4.5f], frame.Target!.Values!);
    }

    [Fact]
    public void Load_QuoteThatNeverClosesInALargeFile_FailsAtTheRecordLimit_InBoundedMemory()
    {
        // 24 MB after an opening quote: the whole rest of the file is one field.
        byte[] bytes = [.. Encoding.ASCII.GetBytes("a,b\n1,\"2\n"), .. Enumerable.Repeat((byte)'x', 24 << 20)];
        string path = WriteBytes("unclosed.csv", bytes);

        var e = LoadFails(path);

        Assert.Equal(2, e.Line);
        Assert.Contains($"longer than the limit of {TabularCsvOptions.DefaultMaxRecordBytes} bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_50MegabyteHeaderLine_FailsAtLine1_InBoundedMemory()
    {
        var header = new byte[50 << 20];
        for (int i = 0; i < header.Length; i++) header[i] = i % 8 == 7 ? (byte)',' : (byte)('a' + i % 8);
        string path = WriteBytes("wide.csv", [.. header, .. "\n1\n"u8]);

        var e = LoadFails(path);

        Assert.Equal(1, e.Line);
        Assert.Contains("longer than the limit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RecordLongerThanASmallLimit_FailsEvenWhenItArrivedWhole_AndLoadsWithTheLimitRaised()
    {
        string longValue = new('7', 300);
        string path = WriteBytes("long.csv", Encoding.ASCII.GetBytes($"a,y\n{longValue},1\n2,3\n"));

        var e = LoadFails(path, new TabularCsvOptions { MaxRecordBytes = 100 });

        Assert.Equal(2, e.Line);
        Assert.Contains("TabularCsvOptions.MaxRecordBytes", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, TabularCsv.Load(path, new TabularCsvOptions { MaxRecordBytes = 400 }).RowCount);
    }

    [Fact]
    public void Load_MoreFieldsThanMaxColumns_FailsNamingTheLine()
    {
        string path = WriteBytes("many.csv", Encoding.ASCII.GetBytes("a,b,c\n1,2,3\n1,2,3,4,5,6,7,8,9,10,11\n"));

        var e = LoadFails(path, new TabularCsvOptions { MaxColumns = 10 });

        Assert.Equal(3, e.Line);
        Assert.Contains("11 fields, more than the limit of 10 columns", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(5, 0)]
    public void Options_NonPositiveLimits_AreRejected(int maxRecordBytes, int maxColumns)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TabularCsvOptions { MaxRecordBytes = maxRecordBytes, MaxColumns = maxColumns });
    }

    [Fact]
    public void Errors_QuoteAtMostAShortPieceOfAHugeColumnName_OnOneLine()
    {
        string name = "x\n" + new string('n', 100_000);
        string path = WriteBytes("names.csv", Encoding.UTF8.GetBytes($"\"{name}\",\"{name}\"\n1,2\n"));

        var e = LoadFails(path);

        Assert.Contains("appears twice", e.Message, StringComparison.Ordinal);
        Assert.Contains("column 'x\\nnnnn", e.Message, StringComparison.Ordinal);
        Assert.Contains("…", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_ListAtMostAFewOfManyColumnNames_WithTheTotal()
    {
        string header = string.Join(',', Enumerable.Range(0, 5000).Select(i => $"column_number_{i}"));
        string path = WriteBytes("list.csv", Encoding.ASCII.GetBytes(header + "\n"));

        var e = LoadFails(path);

        Assert.Contains("no data rows", e.Message, StringComparison.Ordinal);
        Assert.Contains("(5000 in all)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_QuoteAtMostAShortPieceOfAHugeValue()
    {
        string[] lines = ["a,y", .. Enumerable.Range(0, 20).Select(i => $"{(i == 5 ? new string('z', 50_000) : i.ToString(System.Globalization.CultureInfo.InvariantCulture))},{i}")];
        string path = WriteBytes("value.csv", Encoding.ASCII.GetBytes(string.Join('\n', lines) + "\n"));

        var e = LoadFails(path, new TabularCsvOptions { TargetColumn = "y" });

        Assert.Contains("'zzzz", e.Message, StringComparison.Ordinal);
        Assert.Contains("…' is not a number", e.Message, StringComparison.Ordinal);
    }

    private static byte[] Gzip(byte[] raw)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(raw);
        return memory.ToArray();
    }

    private static byte[] Noise(int length)
    {
        var bytes = new byte[length];
        new System.Random(7).NextBytes(bytes);
        return bytes;
    }
}
