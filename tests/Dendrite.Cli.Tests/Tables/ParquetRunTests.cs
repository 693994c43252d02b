using System.Text.Json;
using Dendrite.TestKit;

namespace Dendrite.Cli.Tests.Tables;

/// <summary>
/// A Parquet table goes wherever a CSV table goes (train --csv and --test-csv, --stream, eval, predict, cv) and, holding
/// the same values, trains the same model to the same bits.
/// </summary>
public sealed class ParquetRunTests : IDisposable
{
    private readonly TempDirectory _dir = new("dendrite-cli-parquet-");

    public void Dispose() => _dir.Dispose();

    private static CliRunner.Result Cli(params string[] args) => CliRunner.Run(CliRunner.NoData, args);

    /// <summary>The JSON lines of a run without their timings, which are all that may differ between two runs.</summary>
    private static string[] WithoutSeconds(CliRunner.Result r) => [.. r.StdoutLines.Select(l =>
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(l)!.AsObject();
        node.Remove("seconds");
        return node.ToJsonString();
    })];

    [Theory]
    [InlineData("regression")]
    [InlineData("classification")]
    public void Train_OnParquet_GivesTheSameRunAsOnTheSameTableAsCsv(string task)
    {
        string csv = TableFiles.Write(_dir.Combine(task + ".csv"), task), target = TableFiles.Target(task);
        string parquet = ParquetTables.FromCsv(csv, _dir.Combine(task + ".parquet"));
        string[] options = ["--target", target, "--epochs", "4", "--val-split", "0.2", "--log-format", "json"];

        var fromCsv = Cli(["train", "--csv", csv, .. options, "--out", _dir.Combine("csv")]);
        var fromParquet = Cli(["train", "--csv", parquet, .. options, "--out", _dir.Combine("parquet")]);

        Assert.True(fromParquet.ExitCode == 0, fromParquet.Stderr);
        Assert.Equal(5, fromParquet.StdoutLines.Length);
        Assert.Equal(WithoutSeconds(fromCsv), WithoutSeconds(fromParquet));
    }

    [Fact]
    public void ARunOnParquet_EvaluatesAndPredictsParquet_AndTestsOnAParquetTestFile()
    {
        string csv = TableFiles.Write(_dir.Combine("train.csv"), "classification");
        string parquet = ParquetTables.FromCsv(csv, _dir.Combine("train.parquet"));
        string test = ParquetTables.FromCsv(TableFiles.Write(_dir.Combine("test.csv"), "classification", rows: 60, seed: 2), _dir.Combine("test.parquet"));
        string run = _dir.Combine("R");

        var train = Cli("train", "--csv", parquet, "--test-csv", test, "--target", "label", "--epochs", "3", "--out", run, "--log-format", "json");
        Assert.True(train.ExitCode == 0, train.Stderr);

        var eval = Cli("eval", run, test, "--log-format", "json");
        Assert.True(eval.ExitCode == 0, eval.Stderr);
        using (var doc = JsonDocument.Parse(Assert.Single(eval.StdoutLines)))
            Assert.Equal(60, doc.RootElement.GetProperty("samples").GetInt32());

        string predictions = _dir.Combine("p.csv");
        var predict = Cli("predict", run, test, "--out", predictions);
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        Assert.Equal(61, File.ReadAllLines(predictions).Length);

        var cv = Cli("cv", "--csv", parquet, "--target", "label", "--folds", "3", "--epochs", "2", "--log-format", "json");
        Assert.True(cv.ExitCode == 0, cv.Stderr);
        Assert.Equal(4, cv.StdoutLines.Length);
    }

    [Fact]
    public void Stream_ReadsAParquetFileRowGroupByRowGroup()
    {
        string csv = TableFiles.Write(_dir.Combine("t.csv"), "regression", rows: 400);
        string parquet = ParquetTables.FromCsv(csv, _dir.Combine("t.parquet"), groupRows: 50);

        var r = Cli("train", "--csv", parquet, "--target", "y", "--stream", "--epochs", "2", "--out", _dir.Combine("R"), "--log-format", "json");

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("streamed in 8 chunks", r.Stdout + r.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"event\":\"done\"", r.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.6)]
    [InlineData(0.98)]
    public void ATruncatedParquetFile_IsOneLineOnStderr_AndExitCode2(double keep)
    {
        string parquet = ParquetTables.FromCsv(TableFiles.Write(_dir.Combine("t.csv"), "regression"), _dir.Combine("t.parquet"));
        byte[] bytes = File.ReadAllBytes(parquet);
        File.WriteAllBytes(parquet, bytes[..(int)(bytes.Length * keep)]);

        foreach (string[] args in new[]
        {
            new[] { "train", "--csv", parquet, "--target", "y", "--epochs", "1", "--out", _dir.Combine("R") },
            ["train", "--csv", parquet, "--target", "y", "--stream", "--epochs", "1", "--out", _dir.Combine("S")],
            ["cv", "--csv", parquet, "--target", "y", "--folds", "2", "--epochs", "1"],
        })
        {
            var r = Cli(args);
            Assert.Equal(2, r.ExitCode);
            string line = Assert.Single(r.StderrLines);
            Assert.Contains(parquet, line, StringComparison.Ordinal);
            Assert.Contains("Parquet", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AnUnknownTargetInAParquetFile_NamesTheColumns_WithExitCode2()
    {
        string parquet = ParquetTables.FromCsv(TableFiles.Write(_dir.Combine("t.csv"), "regression"), _dir.Combine("t.parquet"));

        var r = Cli("train", "--csv", parquet, "--target", "price", "--epochs", "1", "--out", _dir.Combine("R"));

        Assert.Equal(2, r.ExitCode);
        string line = Assert.Single(r.StderrLines);
        Assert.Contains("column 'price'", line, StringComparison.Ordinal);
        Assert.Contains("'x1'", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_SaysParquetIsAccepted()
    {
        var r = Cli("train", "--help");
        Assert.Contains(r.StdoutLines, l => l.Contains("--csv", StringComparison.Ordinal) && l.Contains("Parquet", StringComparison.Ordinal));
    }
}
