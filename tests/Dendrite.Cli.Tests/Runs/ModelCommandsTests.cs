using System.Text.Json;
using Dendrite.Formats.Safetensors;
using Dendrite.Tensors;

namespace Dendrite.Cli.Tests.Runs;

public class ModelCommandsTests(TrainedRun run) : IClassFixture<TrainedRun>
{
    private static CliRunner.Result Cli(params string[] args) => CliRunner.Run(CliRunner.Synthetic, args);

    private static void AssertUserError(CliRunner.Result r, string fragment)
    {
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.StderrLines);
        Assert.StartsWith("dendrite: ", r.StderrLines[0], StringComparison.Ordinal);
        Assert.Contains(fragment, r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_RunFolder_PrintsPerClassScoresAndConfusionMatrix()
    {
        var r = Cli("eval", run.Folder);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains(r.StdoutLines, l => l.StartsWith($"model: {run.Best} (4-6-3, epoch ", StringComparison.Ordinal));
        Assert.Contains(r.StdoutLines, l => l.StartsWith("test", StringComparison.Ordinal) && l.Contains(": 30 samples, loss ", StringComparison.Ordinal));
        Assert.Contains(r.StdoutLines, l => l.StartsWith("confusion matrix", StringComparison.Ordinal));
        int header = Array.FindIndex(r.StdoutLines, l => l.StartsWith("true \\ predicted", StringComparison.Ordinal));
        // Three rows of counts that add up to the 30 test samples.
        long total = r.StdoutLines.Skip(header + 2).Take(3).Sum(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Sum(long.Parse));
        Assert.Equal(30, total);
    }

    [Fact]
    public void Eval_Json_MatchesTheRunsBestTestAccuracy()
    {
        var r = Cli("eval", run.Folder, "--log-format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(Assert.Single(r.StdoutLines));
        var root = doc.RootElement;
        Assert.Equal("eval", root.GetProperty("event").GetString());
        Assert.Equal(3, root.GetProperty("classes").GetArrayLength());
        Assert.Equal(30, root.GetProperty("confusion").EnumerateArray().SelectMany(row => row.EnumerateArray()).Sum(v => v.GetInt32()));
        var best = Training.Checkpoints.Checkpoint.Load(run.Best);
        Assert.Equal(Math.Round(best.History[^1].TestAccuracy, 4), root.GetProperty("accuracy").GetDouble(), 4);
    }

    [Fact]
    public void Summary_ListsLayersShapesAndParameterCount()
    {
        var r = Cli("summary", run.Best);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains(r.StdoutLines, l => System.Text.RegularExpressions.Regex.IsMatch(l, "^architecture: 4-6-3 relu, trained [12] epochs$"));
        Assert.Contains("classes: 0, 1, 2", r.StdoutLines);
        Assert.Contains("input: 2×2 images, pixels scaled by 0.00392157", r.StdoutLines); // the synthetic set stands in for Fashion-MNIST
        Assert.Contains(r.StdoutLines, l => l.Contains("ReLU()", StringComparison.Ordinal) && l.Contains("[1, 6]", StringComparison.Ordinal));
        Assert.Contains(r.StdoutLines, l => l.Contains("Linear(in=4, out=6", StringComparison.Ordinal) && l.Contains("[1, 6]", StringComparison.Ordinal));
        Assert.Contains("Total params: 51", r.Stdout, StringComparison.Ordinal); // (4+1)·6 + (6+1)·3
    }

    [Fact]
    public void Eval_Text_NamesTheSplitAsVersion1Did()
    {
        var r = Cli("eval", run.Folder);
        Assert.Contains(r.StdoutLines, l => l.StartsWith("test set: 30 samples", StringComparison.Ordinal));
    }

    [Fact]
    public void Summary_ArchitectureLine_NamesTheActivationAsVersion1Did()
    {
        var r = Cli("summary", Path.Combine(run.Folder, "last.safetensors"));
        Assert.Contains("architecture: 4-6-3 relu, trained 2 epochs", r.StdoutLines);
    }

    [Fact]
    public void Predict_CsvWithLabelHeader_PrintsTopKAndAccuracy()
    {
        string csv = run.Scratch("in.csv");
        File.WriteAllText(csv, "label,p1,p2,p3,p4\n0,255,0,0,0\n2,0,10,250,3\n");
        var r = Cli("predict", run.Best, csv, "--top", "2");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("0: (true: 0)  ", r.StdoutLines[0], StringComparison.Ordinal);
        Assert.Equal(2 * 2, r.StdoutLines[1].Split("  ").Skip(1).SelectMany(s => s.Split(' ')).Count());
        Assert.StartsWith("accuracy: ", r.StdoutLines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_Out_WritesCsvWithProbabilitiesThatSumToAtMostOne()
    {
        string csv = run.Scratch("rows.csv"), output = run.Scratch("pred.csv");
        File.WriteAllText(csv, "1,2,3,4\n200,0,0,0\n");
        var r = Cli("predict", run.Best, csv, "--top", "3", "--out", output);
        Assert.Equal(0, r.ExitCode);
        string[] lines = File.ReadAllLines(output);
        Assert.Equal("index,predicted,class_1,probability_1,class_2,probability_2,class_3,probability_3", lines[0]);
        Assert.Equal(3, lines.Length);
        double sum = lines[1].Split(',').Skip(3).Where((_, i) => i % 2 == 0).Sum(double.Parse);
        Assert.Equal(1.0, sum, 5);
    }

    [Fact]
    public void Predict_Show_WritesAnSvgGrid()
    {
        string csv = run.Scratch("show.csv"), svg = run.Scratch("grid.svg");
        File.WriteAllText(csv, "label,a,b,c,d\n1,0,255,0,0\n0,255,0,0,0\n2,0,0,255,0\n");
        var r = Cli("predict", run.Best, csv, "--show", "2", "--show-out", svg);
        Assert.Equal(0, r.ExitCode);
        string text = File.ReadAllText(svg);
        Assert.StartsWith("<svg", text.TrimStart(), StringComparison.Ordinal);
        Assert.Equal(2, CountOf(text, "<image"));
        Assert.Contains("true: 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_InputOfWrongWidth_OneLineExit2()
    {
        string csv = run.Scratch("wide.csv");
        File.WriteAllText(csv, "1,2,3,4,5,6\n");
        AssertUserError(Cli("predict", run.Best, csv), "6 columns, expected 4");
    }

    [Fact]
    public void MissingModel_OneLineExit2() =>
        AssertUserError(Cli("eval", run.Scratch("nope.safetensors")), "model file not found");

    [Fact]
    public void TruncatedModel_OneLineExit2()
    {
        string path = run.Scratch("cut.safetensors");
        byte[] bytes = File.ReadAllBytes(run.Best);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        AssertUserError(Cli("summary", path), path);
    }

    [Fact]
    public void ForeignModel_OneLineExit2()
    {
        string path = run.Scratch("foreign.safetensors");
        SafetensorsWriter.Write(path, [new("w", new Tensor([1f], 1))]);
        AssertUserError(Cli("predict", path, path), "not a Dendrite model");
    }

    [Fact]
    public void NotAModelAtAll_OneLineExit2()
    {
        string path = run.Scratch("text.safetensors");
        File.WriteAllText(path, "hello, this is not a model");
        AssertUserError(Cli("eval", path), path);
    }

    [Fact]
    public void FolderThatIsNotARun_OneLineExit2() =>
        AssertUserError(Cli("eval", Path.GetTempPath()), "not a run folder");

    [Fact]
    public void UnknownOption_OneLineExit2() =>
        AssertUserError(Cli("eval", run.Folder, "--bogus"), "unknown option --bogus");

    [Fact]
    public void MissingArgument_OneLineExit2() =>
        AssertUserError(Cli("predict", run.Best), "needs MODEL and INPUT");

    private static int CountOf(string text, string part)
    {
        int n = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
