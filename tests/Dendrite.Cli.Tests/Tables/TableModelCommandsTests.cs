using System.Globalization;
using System.Text.Json;
using Dendrite.Data;
using Dendrite.Nn.Configs;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;
using Dendrite.Training.Models;

namespace Dendrite.Cli.Tests.Tables;

/// <summary>train's notes about a table, and eval, predict, summary and cv on table models.</summary>
public sealed class TableModelCommandsTests : IDisposable
{
    private readonly TempDirectory _dir = new("dendrite-cli-tablemodel-");
    private int _count;

    private static CliRunner.Result Cli(params string[] args) => CliRunner.Run(CliRunner.NoData, args);

    private string Table(string task, int rows = 200) => TableFiles.Write(_dir.Combine($"{task}{_count++}.csv"), task, rows);

    private string Write(string text)
    {
        string path = _dir.Combine($"f{_count++}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    private string Train(string task, params string[] extra)
    {
        string run = _dir.Combine($"run{_count++}");
        var r = Cli(["train", "--csv", Table(task), "--target", TableFiles.Target(task), "--epochs", "3", "--out", run, .. extra]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return run;
    }

    private const string LibraryWording = "name it as the id column";

    [Fact]
    public void LikelyIdColumnUsedAsAFeature_GetsANoteNamingTheIdColumnOption()
    {
        var text = Cli("train", "--csv", Table("regression"), "--target", "y", "--epochs", "1", "--out", _dir.Combine("a"));
        Assert.True(text.ExitCode == 0, text.Stderr);
        string note = Assert.Single(text.StdoutLines, l => l.Contains("looks like a row id", StringComparison.Ordinal));
        Assert.StartsWith("note: column 'id' ", note, StringComparison.Ordinal);
        Assert.Contains("--id-column", note, StringComparison.Ordinal);
        Assert.DoesNotContain(LibraryWording, text.Stdout, StringComparison.Ordinal);

        // With JSON output the note goes to stderr, stdout keeps only JSON.
        var json = Cli("train", "--csv", Table("classification"), "--target", "label", "--epochs", "1", "--out", _dir.Combine("b"), "--log-format", "json");
        Assert.True(json.ExitCode == 0, json.Stderr);
        Assert.Contains(json.StderrLines, l => l.Contains("looks like a row id", StringComparison.Ordinal) && l.Contains("--id-column", StringComparison.Ordinal));
        Assert.DoesNotContain(LibraryWording, json.Stderr, StringComparison.Ordinal);
        Assert.All(json.StdoutLines, l => JsonDocument.Parse(l).Dispose());
    }

    [Fact]
    public void ExplicitIdColumn_GetsNoNote_AndIsNotAFeature()
    {
        string run = _dir.Combine("r");
        var r = Cli("train", "--csv", Table("regression"), "--target", "y", "--id-column", "id", "--epochs", "1", "--out", run);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.DoesNotContain(r.StdoutLines, l => l.Contains("looks like a row id", StringComparison.Ordinal) || l.Contains("--id-column", StringComparison.Ordinal));
        Assert.Contains(r.StdoutLines, l => l.StartsWith("model: 4-64-1 relu", StringComparison.Ordinal)); // x1, x2, kind=a, kind=b
        var summary = Cli("summary", run);
        Assert.Contains("id column: id", summary.StdoutLines);
        Assert.Contains("features: x1, x2, kind=a, kind=b", summary.StdoutLines);
    }

    [Fact]
    public void Eval_OfATableModel_RefusesImageOptions_AndAFileWithoutTheTarget()
    {
        string run = Train("regression");
        var split = Cli("eval", run, Table("regression"), "--split", "train");
        Assert.Equal(2, split.ExitCode);
        Assert.Contains("--data and --split apply to image models", Assert.Single(split.StderrLines), StringComparison.Ordinal);

        var noTarget = Cli("eval", run, Write("id,x1,x2,kind\n1,0.5,0.25,a\n"));
        Assert.Equal(2, noTarget.ExitCode);
        Assert.Contains("column 'y'", Assert.Single(noTarget.StderrLines), StringComparison.Ordinal);

        var noFile = Cli("eval", run, _dir.Combine("missing.csv"));
        Assert.Equal(2, noFile.ExitCode);
        Assert.Single(noFile.StderrLines);
    }

    [Fact]
    public void Eval_SkipsRowsWithoutATarget_AndSaysSo()
    {
        string run = Train("regression");
        string csv = Write("id,x1,x2,kind,y\n1,0.5,0.25,a,3.5\n2,1,1,b,\n3,-1,0.5,b,1.25\n");
        var text = Cli("eval", run, csv);
        Assert.True(text.ExitCode == 0, text.Stderr);
        Assert.Contains($"skipped 1 rows of {csv} with a missing target", text.StdoutLines);
        Assert.Contains(text.StdoutLines, l => l.StartsWith($"{csv}: 2 rows, loss ", StringComparison.Ordinal));

        var json = Cli("eval", run, csv, "--log-format", "json");
        Assert.True(json.ExitCode == 0, json.Stderr);
        Assert.Contains($"skipped 1 rows of {csv} with a missing target", json.StderrLines);
        using var doc = JsonDocument.Parse(Assert.Single(json.StdoutLines));
        Assert.Equal(2, doc.RootElement.GetProperty("samples").GetInt32());
    }

    [Fact]
    public void Eval_OfAnImageModel_RefusesACsvArgument()
    {
        string model = Fixtures.Path("v1/image-run-epoch2.safetensors");
        var r = Cli("eval", model, Table("regression"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("is an image model; it is scored on Fashion-MNIST", Assert.Single(r.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_TableJson_HasOneObjectPerRow_KeyedLikeTheCsv()
    {
        string run = Train("classification", "--id-column", "id");
        var r = Cli("predict", run, Write("id,x1,x2,kind\nq1,0.5,0.25,a\nq2,-2,-1,b\n"), "--log-format", "json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(2, r.StdoutLines.Length);
        using var first = JsonDocument.Parse(r.StdoutLines[0]);
        Assert.Equal(["id", "label", "p_hi", "p_lo"], first.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("q1", first.RootElement.GetProperty("id").GetString());
        Assert.Contains(first.RootElement.GetProperty("label").GetString(), new[] { "hi", "lo" });
    }

    [Fact]
    public void Predict_OfARegressionModelOnPlainFeatures_PrintsOneValuePerRow()
    {
        // 3 features → 1 output: y = x1 + 2·x2 + 3·x3 + 0.5, saved as a model with plain feature input.
        var module = new MlpSpec(3, [], 1).Build(new Rng(1));
        module.LoadStateDict(new Dictionary<string, Tensor> { ["1.weight"] = new([1f, 2f, 3f], 1, 3), ["1.bias"] = new([0.5f], 1) }, strict: true);
        string path = _dir.Combine("linear.safetensors");
        new TrainedModel(module, new ModelInfo(TaskKind.Regression, null, new FeatureInput(3), "y")).Save(path);
        string rows = Write("1,1,1\n0,0,0\n-1,0.5,2\n");

        var text = Cli("predict", path, rows);
        Assert.True(text.ExitCode == 0, text.Stderr);
        Assert.Equal(["0: 6.5", "1: 0.5", "2: 6.5"], text.StdoutLines);

        string output = _dir.Combine("values.csv");
        var csv = Cli("predict", path, rows, "--out", output);
        Assert.Equal([$"wrote 3 predictions to {output}"], csv.StdoutLines);
        Assert.Equal(["index,prediction", "0,6.5", "1,0.5", "2,6.5"], File.ReadAllLines(output));

        var json = Cli("predict", path, rows, "--log-format", "json");
        using var doc = JsonDocument.Parse(json.StdoutLines[0]);
        Assert.Equal(["event", "index", "value"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        JsonElement value = doc.RootElement.GetProperty("value");
        Assert.Equal(6.5, value.ValueKind == JsonValueKind.String ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetDouble());

        var summary = Cli("summary", path);
        Assert.Contains("task: regression on 'y'", summary.StdoutLines);
        Assert.Contains("input: 3 features", summary.StdoutLines);
    }

    [Fact]
    public void Summary_OfALogTargetRegression_SaysTheTargetIsLogged()
    {
        string csv = Write("size,price\n" + string.Join('\n', Enumerable.Range(1, 40).Select(i => $"{i},{1000 + 37 * i}.5")) + "\n");
        string run = _dir.Combine("r");
        var r = Cli("train", "--csv", csv, "--target", "price", "--log-target", "--epochs", "2", "--out", run);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains(r.StdoutLines, l => l.StartsWith("model: ", StringComparison.Ordinal) && l.Contains("regression on 'price' (log)", StringComparison.Ordinal));
        var summary = Cli("summary", run);
        Assert.Contains("task: regression on 'price'", summary.StdoutLines);
        Assert.Contains("target: logged before standardizing", summary.StdoutLines);
        Assert.Contains("columns: size (numeric)", summary.StdoutLines);
    }

    [Fact]
    public void Cv_Out_WritesTheConfigAndOneRowPerFold_ThenRefusesToOverwrite()
    {
        string csv = Table("classification"), output = _dir.Combine("cv");
        var r = Cli("cv", "--csv", csv, "--target", "label", "--folds", "4", "--epochs", "2", "--class-weight", "balanced", "--out", output);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("fold  train  test  test_acc  seconds", r.StdoutLines[Array.FindIndex(r.StdoutLines, l => l.StartsWith("fold", StringComparison.Ordinal))]);
        Assert.Contains($"wrote {Path.Combine(output, "config.json")} and {Path.Combine(output, "folds.csv")}", r.StdoutLines);
        string[] folds = File.ReadAllLines(Path.Combine(output, "folds.csv"));
        Assert.Equal("fold,train_rows,test_rows,test_loss,test_acc,seconds", folds[0]);
        Assert.Equal(["1", "2", "3", "4", "mean", "std"], folds.Skip(1).Select(l => l.Split(',')[0]));
        using (var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "config.json"))))
        {
            Assert.Equal("cv", config.RootElement.GetProperty("command").GetString());
            Assert.Equal("balanced", config.RootElement.GetProperty("objective").GetProperty("class_weight").GetString());
            Assert.Equal(csv, config.RootElement.GetProperty("data").GetProperty("path").GetString());
        }

        var again = Cli("cv", "--csv", csv, "--target", "label", "--folds", "2", "--epochs", "1", "--out", output);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already holds a run or a cross-validation", Assert.Single(again.StderrLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--folds", "1", "--folds must be at least 2")]
    [InlineData("--folds", "500", "--folds must be at most the number of rows (200)")]
    [InlineData("--resume", "x", "unknown option --resume")]
    [InlineData("--data", "/tmp", "unknown option --data")]
    [InlineData("--test-split", "0.5", "unknown option --test-split")]
    public void Cv_BadOptions_AreUsageErrors(string option, string value, string message)
    {
        var r = Cli("cv", "--csv", Table("regression"), "--target", "y", option, value);
        Assert.Equal(2, r.ExitCode);
        string line = Assert.Single(r.StderrLines);
        Assert.Contains(message, line, StringComparison.Ordinal);
        Assert.EndsWith("(see dendrite cv --help)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Cv_WithoutCsv_IsAUsageError()
    {
        var r = Cli("cv", "--target", "y");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("dendrite: --csv FILE is required (see dendrite cv --help)", Assert.Single(r.StderrLines));
    }

    public void Dispose() => _dir.Dispose();
}
