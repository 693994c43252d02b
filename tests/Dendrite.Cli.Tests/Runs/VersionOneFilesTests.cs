using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dendrite.TestKit;

namespace Dendrite.Cli.Tests.Runs;

/// <summary>
/// Files written by version 1 (tests/Fixtures/v1, see its README) still work with today's eval, predict, summary and
/// train --resume, giving the numbers version 1 gave (except a resumed run with dropout, whose masks changed in issue 21).
/// </summary>
public sealed class VersionOneFilesTests : IDisposable
{
    private readonly TempDirectory _dir = new("dendrite-cli-v1-");

    private static string V1(string name) => Fixtures.Path("v1/" + name);

    private static CliRunner.Result Cli(params string[] args) => CliRunner.Run(CliServices.Default, args);

    [Theory]
    [InlineData("houses-regression.safetensors", "houses.csv", "predH.csv")]
    [InlineData("pets-classification.safetensors", "pets.csv", "predP.csv")]
    public void Predict_OfATableModel_WritesVersion1sFile(string model, string input, string expected)
    {
        string output = _dir.Combine("out.csv");
        var r = Cli("predict", V1(model), V1(input), "--out", output);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(File.ReadAllText(V1(expected)), File.ReadAllText(output));
    }

    [Fact]
    public void Predict_OfAVersion1TableRunFolder_UsesItsModelSafetensors()
    {
        // Version 1's train --csv left model.safetensors (no last.safetensors) in its folder.
        string run = _dir.CreateSubdirectory("houses-run");
        File.Copy(V1("houses-regression.safetensors"), Path.Combine(run, "model.safetensors"));
        string output = _dir.Combine("out.csv");
        var predict = Cli("predict", run, V1("houses.csv"), "--out", output);
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        Assert.Equal(File.ReadAllText(V1("predH.csv")), File.ReadAllText(output));

        var summary = Cli("summary", run);
        Assert.True(summary.ExitCode == 0, summary.Stderr);
        Assert.Equal($"model: {Path.Combine(run, "model.safetensors")}", summary.StdoutLines[0]);

        var eval = Cli("eval", run, V1("houses.csv"));
        Assert.True(eval.ExitCode == 0, eval.Stderr);
        Assert.Contains(eval.StdoutLines, l => l.StartsWith($"{V1("houses.csv")}: 80 rows, ", StringComparison.Ordinal));
    }

    [Fact]
    public void Eval_OfTheImageRun_PrintsVersion1sJson_ApartFromTheModelPath()
    {
        var r = Cli("eval", V1("image-run-epoch2.safetensors"), "--data", V1("idx"), "--log-format", "json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        string line = Assert.Single(r.StdoutLines);
        using (var doc = JsonDocument.Parse(line))
            Assert.Equal(V1("image-run-epoch2.safetensors"), doc.RootElement.GetProperty("model").GetString());
        Assert.Equal(WithoutModel(File.ReadAllText(V1("evalA.json")).Trim()), WithoutModel(line));
    }

    private static string WithoutModel(string json) => Regex.Replace(json, "\"model\":\"[^\"]*\"", "\"model\":\"\"");

    [Fact]
    public void Predict_OfTheImageRun_GivesVersion1sClassesAndProbabilities_ToAFewUlps()
    {
        string output = _dir.Combine("predA.csv");
        var r = Cli("predict", V1("image-run-epoch2.safetensors"), V1("idx/t10k-images-idx3-ubyte.gz"), "--top", "10", "--out", output);
        Assert.True(r.ExitCode == 0, r.Stderr);
        string[] expected = File.ReadAllLines(V1("predA.csv")), actual = File.ReadAllLines(output);
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(expected[0], actual[0]);
        for (int i = 1; i < expected.Length; i++)
        {
            string[] e = expected[i].Split(','), a = actual[i].Split(',');
            Assert.Equal(e.Length, a.Length);
            for (int j = 0; j < e.Length; j++)
            {
                // index, predicted and class_k are names; probability_k are numbers.
                if (j >= 3 && j % 2 == 1)
                    Assert.Equal(float.Parse(e[j], CultureInfo.InvariantCulture), float.Parse(a[j], CultureInfo.InvariantCulture), 1e-7f);
                else Assert.Equal(e[j], a[j]);
            }
        }
    }

    [Fact]
    public void Resume_OfTheVersion1ImageRun_ContinuesIt_AndRepeatsExactly()
    {
        // The epoch-2 run folder as version 1 left it; its data folder has moved, so --data points at the copy.
        // runA4.log's epochs 3 and 4 were drawn with version 1's dropout masks; the counter-based masks (issue 21)
        // replaced them, so the continuation is checked for its shape and for repeating bit for bit, not against them.
        string[] RunFrom(string name)
        {
            string run = _dir.CreateSubdirectory(name);
            File.Copy(V1("image-run-epoch2.safetensors"), Path.Combine(run, "last.safetensors"));
            File.Copy(V1("image-run-config.json"), Path.Combine(run, "config.json"));
            var r = Cli("train", "--resume", run, "--epochs", "4", "--data", V1("idx"), "--log-format", "json", "--threads", "1");
            Assert.True(r.ExitCode == 0, r.Stderr);
            Assert.Contains("resuming " + Path.GetFullPath(run) + " after epoch 2 of 4", r.StderrLines);
            Assert.Equal(5, File.ReadAllLines(Path.Combine(run, "metrics.csv")).Length);
            using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json")));
            Assert.Equal(2, config.RootElement.GetProperty("schema_version").GetInt32());
            Assert.Equal(4, config.RootElement.GetProperty("training").GetProperty("epochs").GetInt32());
            return [.. Tables.CsvRunTests.WithoutSeconds(r.StdoutLines)];
        }

        string[] first = RunFrom("runA");
        string[] reference = [.. File.ReadAllLines(V1("runA4.log")).Where(l => l.StartsWith('{')).Skip(2)];
        Assert.Equal(reference.Length, first.Length);
        Assert.StartsWith("{\"event\":\"epoch\",\"epoch\":3,", first[0], StringComparison.Ordinal);
        Assert.StartsWith("{\"event\":\"epoch\",\"epoch\":4,", first[1], StringComparison.Ordinal);
        Assert.StartsWith("{\"event\":\"done\",", first[2], StringComparison.Ordinal);
        Assert.Equal(first, RunFrom("runB"));
    }

    [Theory]
    [InlineData("houses-regression.safetensors", "task: regression on 'price'", "target: logged before standardizing")]
    [InlineData("pets-classification.safetensors", "classes: cat, dog, eel", "task: classification of 'kind'")]
    [InlineData("image-run-epoch2.safetensors", "classes: t-shirt, trouser, pullover, dress, coat, sandal, shirt, sneaker, bag, ankle boot",
        "input: 28×28 images, pixels scaled by 0.00392157")]
    public void Summary_OfVersion1Files_DescribesThem(string model, string line1, string line2)
    {
        var r = Cli("summary", V1(model));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains(line1, r.StdoutLines);
        Assert.Contains(line2, r.StdoutLines);
        Assert.Contains(r.StdoutLines, l => l.StartsWith("Total params: ", StringComparison.Ordinal));
    }

    public void Dispose() => _dir.Dispose();
}
