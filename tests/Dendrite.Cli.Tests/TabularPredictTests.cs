using System.Globalization;
using System.Text;
using Dendrite.Data.Tabular;
using Dendrite.TestKit;
using Dendrite.Training.Models;

namespace Dendrite.Cli.Tests;

public sealed class TabularPredictTests : IDisposable
{
    private readonly TempDirectory _dir = new("dendrite-cli-tabpredict-");
    private int _count;

    private string Write(string text)
    {
        string path = _dir.Combine($"t{_count++}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>"id,city,size,y,label": city categorical and size numeric, each ~15% missing; label = y &gt; 0.</summary>
    private string Table(int rows = 150, ulong seed = 1)
    {
        string[] cities = ["north", "south", "east"];
        var rng = new Dendrite.Random.Rng(seed);
        var sb = new StringBuilder("id,city,size,y,label\n");
        for (int i = 0; i < rows; i++)
        {
            int c = (int)(rng.NextDouble() * 3);
            double size = rng.NextNormal();
            double y = 3 * size + (c - 1) * 2 + 0.1 * rng.NextNormal();
            string city = rng.NextDouble() < 0.15 ? "" : cities[c];
            string sizeText = rng.NextDouble() < 0.15 ? "" : size.ToString("R", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"r{i},{city},{sizeText},{y:R},{(y > 0 ? "big" : "small")}\n");
        }
        return Write(sb.ToString());
    }

    private string NewRows() => Write("size,city,id\n0.5,north,n1\n-1.25,west,n2\nNA,south,n3\n2,,n4\n");

    private string TrainModel(string target, params string[] extra)
    {
        string output = _dir.Combine($"run{_count++}");
        // The other target column would leak the answer; train on a copy without it.
        int drop = target == "y" ? 4 : 3;
        string table = Write(string.Join('\n', File.ReadAllLines(Table()).Select(l => string.Join(',', l.Split(',').Where((_, j) => j != drop)))) + "\n");
        var r = CliRunner.Run(CliRunner.NoData, ["train", "--csv", table, "--target", target, "--id-column", "id", "--epochs", "20", "--batch-size", "16", "--out", output, .. extra]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains($"predict with: dendrite predict {output} FILE.csv", r.StdoutLines);
        return output;
    }

    [Fact]
    public void TrainCsv_WritesARunFolder_WithConfigMetricsCheckpointsAndPlots()
    {
        string run = TrainModel("y");
        foreach (string file in new[] { "last.safetensors", "best.safetensors", "plots/learning_curves.svg" })
            Assert.True(File.Exists(Path.Combine(run, file)), file);
        Assert.False(File.Exists(Path.Combine(run, "model.safetensors")));
        using (var config = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json"))))
        {
            var data = config.RootElement.GetProperty("data");
            Assert.Equal("csv", data.GetProperty("kind").GetString());
            Assert.Equal("y", data.GetProperty("target").GetString());
            Assert.Equal("id", data.GetProperty("id_column").GetString());
            Assert.Equal("test_rmse", config.RootElement.GetProperty("selection_metric").GetString());
        }
        string[] metrics = File.ReadAllLines(Path.Combine(run, "metrics.csv"));
        Assert.Equal(21, metrics.Length);
        Assert.Equal("epoch,train_loss,test_loss,test_rmse,test_mae,test_r2,test_log_rmse,seconds", metrics[0]);
        var last = Training.Checkpoints.Checkpoint.Load(Path.Combine(run, "last.safetensors"));
        Assert.Equal(20, last.Epoch);
        Assert.IsType<TableInput>(last.Info.Input);
        Assert.Equal("y", last.Info.TargetName);
    }

    [Fact]
    public void Regression_PredictOut_EqualsTheSavedModelInMemory_AndPassesIdsThrough()
    {
        string run = TrainModel("y");
        string input = NewRows(), output = _dir.Combine("p.csv");
        var r = CliRunner.Run(CliRunner.NoData, "predict", run, input, "--out", output);
        Assert.True(r.ExitCode == 0, r.Stderr);

        string[] lines = File.ReadAllLines(output);
        Assert.Equal("id,y", lines[0]);
        Assert.Equal(["n1", "n2", "n3", "n4"], lines.Skip(1).Select(l => l.Split(',')[0]));
        float[] written = lines.Skip(1).Select(l => float.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();

        TrainedModel model = TrainedModel.Load(Path.Combine(run, "best.safetensors"));
        TabularFrame frame = ((TableInput)model.Info.Input).LoadCsv(input);
        float[] expected = [.. new Predictor(model).PredictTable(frame).Select(p => (float)p.Values![0])];
        Assert.Equal(expected, written);
    }

    [Fact]
    public void Classification_Predict_WritesClassAndOneProbabilityPerClass()
    {
        string run = TrainModel("label");
        string output = _dir.Combine("c.csv");
        var r = CliRunner.Run(CliRunner.NoData, "predict", Path.Combine(run, "last.safetensors"), NewRows(), "--out", output);
        Assert.True(r.ExitCode == 0, r.Stderr);

        string[] lines = File.ReadAllLines(output);
        Assert.Equal("id,label,p_big,p_small", lines[0]);
        foreach (string line in lines.Skip(1))
        {
            string[] cells = line.Split(',');
            float big = float.Parse(cells[2], CultureInfo.InvariantCulture), small = float.Parse(cells[3], CultureInfo.InvariantCulture);
            Assert.Equal(1.0, big + small, 1e-6);
            Assert.Equal(big > small ? "big" : "small", cells[1]);
        }
    }

    [Fact]
    public void Predict_WithoutOut_PrintsATable()
    {
        string run = TrainModel("y");
        var r = CliRunner.Run(CliRunner.NoData, "predict", run, NewRows());
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(["id", "y"], r.StdoutLines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(5, r.StdoutLines.Length);
    }

    [Fact]
    public void Predict_FileMissingAFeatureColumn_ExitsWith2_NamingTheColumn()
    {
        string run = TrainModel("y");
        var r = CliRunner.Run(CliRunner.NoData, "predict", run, Write("id,size\nn1,0.5\n"));
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.StderrLines);
        Assert.Contains("column 'city'", r.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--top", "2")]
    [InlineData("--show", "3")]
    public void Predict_ImageOnlyOptionsOnATabularModel_ExitWith2(string option, string value)
    {
        string run = TrainModel("y");
        var r = CliRunner.Run(CliRunner.NoData, "predict", run, NewRows(), option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.StderrLines);
        Assert.Contains($"--{option[2..]} applies to image models", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("is a table model", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_MissingInputFile_ExitsWith2()
    {
        string run = TrainModel("y");
        var r = CliRunner.Run(CliRunner.NoData, "predict", run, _dir.Combine("nope.csv"));
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.StderrLines);
    }

    [Fact]
    public void Summary_OfATabularModel_NamesTaskColumnsAndLayers()
    {
        string run = TrainModel("label");
        var r = CliRunner.Run(CliRunner.NoData, "summary", run);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("task: classification of 'label'", r.StdoutLines);
        Assert.Contains("classes: big, small", r.StdoutLines);
        Assert.Contains("id column: id", r.StdoutLines);
        Assert.Contains(r.StdoutLines, l => l.StartsWith("columns: ", StringComparison.Ordinal) && l.Contains("city (categorical)", StringComparison.Ordinal));
    }

    [Fact]
    public void Eval_OnATableModelWithoutACsv_ExitsWith2_InOneLine()
    {
        string model = Path.Combine(TrainModel("y"), "best.safetensors");
        var r = CliRunner.Run(CliRunner.NoData, "eval", model);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.StderrLines);
        Assert.Contains("is a table model: give the CSV", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void HuberLoss_Trains()
    {
        string run = TrainModel("y", "--loss", "huber");
        using (var config = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json"))))
            Assert.Equal("huber", config.RootElement.GetProperty("objective").GetProperty("loss").GetString());
        string[] metrics = File.ReadAllLines(Path.Combine(run, "metrics.csv"));
        double first = double.Parse(metrics[1].Split(',')[1], CultureInfo.InvariantCulture);
        double last = double.Parse(metrics[^1].Split(',')[1], CultureInfo.InvariantCulture);
        Assert.True(last < first / 2, $"train loss {first} → {last}");
    }

    [Fact]
    public void UnknownLoss_ExitsWith2_NamingTheOption()
    {
        var r = CliRunner.Run(CliRunner.NoData, "train", "--csv", Table(), "--target", "y", "--id-column", "id", "--epochs", "1",
            "--out", _dir.Combine($"bad{_count++}"), "--loss", "hinge");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--loss", Assert.Single(r.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void RegressionLoss_OnADetectedClassificationTarget_IsAUsageErrorNamingTheOption_BeforeTheHeader()
    {
        var r = CliRunner.Run(CliRunner.NoData, "train", "--csv", Table(), "--target", "label", "--id-column", "id", "--epochs", "1",
            "--out", _dir.Combine($"bad{_count++}"), "--loss", "huber");
        Assert.Equal(2, r.ExitCode);
        string line = Assert.Single(r.StderrLines);
        Assert.Contains("--loss", line, StringComparison.Ordinal);
        Assert.EndsWith("(see dendrite train --help)", line, StringComparison.Ordinal);
        Assert.DoesNotContain(r.StdoutLines, l => l.StartsWith("epoch ", StringComparison.Ordinal));
        Assert.DoesNotContain(r.StdoutLines, l => l.StartsWith("run folder", StringComparison.Ordinal));
    }

    public void Dispose() => _dir.Dispose();
}
