using System.Diagnostics;
using Dendrite.Cli.Tests.Runs;
using Dendrite.Formats.Safetensors;
using Dendrite.TestKit;
using Dendrite.Training.Checkpoints;
using Dendrite.Training.Runs;

namespace Dendrite.Cli.Tests.Hardening;

/// <summary>
/// What the hardening issue asks of runs: divergence stops with one line and leaves only finite checkpoints, one
/// process per run folder, leftovers of a killed run are cleaned up, and a chart that cannot be written costs no
/// checkpoint.
/// </summary>
public sealed class HostileRunTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private static CliRunner.Result Cli(params string[] args) => CliRunner.Run(CliRunner.Synthetic, args);

    [Theory]
    [InlineData("sgd")]
    [InlineData("adam")]
    [InlineData("rmsprop")]
    public void ADivergentRun_ExitsWith2InOneLine_AndItsFolderHoldsOnlyFiniteCheckpoints(string optimizer)
    {
        string run = _dir.Combine("R-" + optimizer);
        var r = Cli("train", "--lr", "1e30", "--optimizer", optimizer, "--epochs", "5", "--hidden", "8", "--out", run);
        Assert.Equal(2, r.ExitCode);
        string line = Assert.Single(r.StderrLines);
        Assert.Matches(@"^dendrite: training diverged in epoch \d+(, step \d+)?: .*--lr.*--clip-grad", line);
        foreach (string file in Directory.GetFiles(run, "*.safetensors"))
        {
            Checkpoint checkpoint = Checkpoint.Load(file);
            foreach (var (name, tensor) in checkpoint.State)
                Assert.True(tensor.Data.All(float.IsFinite), $"{Path.GetFileName(file)} {name} is not finite");
        }
        Assert.True(File.Exists(Path.Combine(run, "last.safetensors")));
    }

    [Fact]
    public void ADivergentCsvRun_AndCv_ExitWith2InOneLine()
    {
        string csv = _dir.Combine("t.csv");
        File.WriteAllLines(csv, ["x,y", .. Enumerable.Range(0, 60).Select(i => $"{i % 7},{i * 3 % 11}")]);
        var train = Cli("train", "--csv", csv, "--target", "y", "--task", "regression", "--lr", "1e30", "--epochs", "3", "--out", _dir.Combine("T"));
        Assert.Equal(2, train.ExitCode);
        Assert.Contains("training diverged", Assert.Single(train.StderrLines), StringComparison.Ordinal);
        var cv = Cli("cv", "--csv", csv, "--target", "y", "--task", "regression", "--lr", "1e30", "--epochs", "3", "--folds", "2");
        Assert.Equal(2, cv.ExitCode);
        Assert.Contains("training diverged", Assert.Single(cv.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public void ARunFolderInUse_IsRefusedNamingTheHoldersPid_AndFreeAgainOnceReleased()
    {
        string run = _dir.Combine("R");
        Assert.Equal(0, Cli("train", "--epochs", "1", "--hidden", "8", "--out", run).ExitCode);
        using (RunFolder.Open(run))
        {
            var resume = Cli("train", "--resume", run, "--epochs", "2");
            Assert.Equal(2, resume.ExitCode);
            Assert.Contains($"in use by another dendrite process (PID {Environment.ProcessId})", Assert.Single(resume.StderrLines), StringComparison.Ordinal);
            var fresh = Cli("train", "--epochs", "1", "--out", run);
            Assert.Equal(2, fresh.ExitCode);
        }
        Assert.Equal(0, Cli("train", "--resume", run, "--epochs", "2").ExitCode);
    }

    [Fact]
    public void TwoConcurrentResumes_ExactlyOneRuns()
    {
        using var data = new TempDirectory();
        SyntheticIdx.Write(data.Path, trainCount: 6000, testCount: 100);
        string run = _dir.Combine("R");
        Assert.Equal(0, CliRunner.Run(CliServices.Default, "train", "--data", data.Path, "--epochs", "1", "--hidden", "64", "--threads", "1", "--out", run).ExitCode);

        // The other process resumes for many epochs; while it holds the folder, this one is refused.
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { Path.Combine(AppContext.BaseDirectory, "Dendrite.Cli.dll"), "train", "--resume", run, "--data", data.Path, "--epochs", "1000000", "--threads", "1" })
            info.ArgumentList.Add(a);
        using var other = Process.Start(info)!;
        var errors = new System.Text.StringBuilder();
        other.OutputDataReceived += (_, _) => { };
        other.ErrorDataReceived += (_, e) => errors.AppendLine(e.Data);
        other.BeginOutputReadLine();
        other.BeginErrorReadLine();
        try
        {
            var deadline = Stopwatch.StartNew();
            while (!File.Exists(Path.Combine(run, RunFolderLock.PidFile)))
            {
                if (other.HasExited) Assert.Fail("the other resume ended before it locked the folder: " + errors);
                Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(2), "the other resume never locked the folder");
                Thread.Sleep(5);
            }
            var mine = CliRunner.Run(CliServices.Default, "train", "--resume", run, "--data", data.Path, "--epochs", "3");
            Assert.Equal(2, mine.ExitCode);
            Assert.Contains($"in use by another dendrite process (PID {other.Id})", Assert.Single(mine.StderrLines), StringComparison.Ordinal);
        }
        finally
        {
            if (!other.HasExited) other.Kill();
            other.WaitForExit();
        }
        // Killed, it released the lock (the kernel drops it); the folder resumes again.
        Assert.Equal(0, CliRunner.Run(CliServices.Default, "train", "--resume", run, "--data", data.Path, "--epochs", "2").ExitCode);
    }

    [Fact]
    public void LeftoverTemporaryFiles_OfAKilledRun_AreRemovedByTheNextRunInThatFolder()
    {
        string run = _dir.Combine("R");
        Assert.Equal(0, Cli("train", "--epochs", "1", "--hidden", "8", "--out", run).ExitCode);
        string[] leftovers = [Path.Combine(run, ".last.safetensors.0123abcd.tmp"), Path.Combine(run, "plots", ".learning_curves.svg.0123abcd.tmp")];
        foreach (string f in leftovers) File.WriteAllText(f, "half a file");
        Assert.Equal(0, Cli("train", "--resume", run, "--epochs", "2").ExitCode);
        Assert.All(leftovers, f => Assert.False(File.Exists(f), f));
    }

    [Fact]
    public void AFullDisk_WhileWritingAChart_GivesOneLineNamingTheChart_AndKeepsTheCheckpoint()
    {
        string mount = _dir.CreateSubdirectory("tiny");
        // A file system with room for the run's checkpoints but not for all of its charts.
        if (!Mount(mount, "40k")) return;
        try
        {
            string run = Path.Combine(mount, "R");
            var r = Cli("train", "--epochs", "3", "--hidden", "8", "--out", run);
            Assert.Equal(2, r.ExitCode);
            string line = Assert.Single(r.StderrLines);
            Assert.Matches($"^dendrite: {System.Text.RegularExpressions.Regex.Escape(Path.Combine(run, "plots"))}/\\w+\\.svg: cannot write the chart: ", line);
            Assert.DoesNotContain(".tmp", line, StringComparison.Ordinal);
            // Every chart is written after its epoch's checkpoint, so the checkpoints are all there and whole.
            Assert.InRange(Checkpoint.Load(Path.Combine(run, "last.safetensors")).Epoch, 1, 3);
        }
        finally
        {
            Process.Start("umount", mount)!.WaitForExit();
        }
    }

    [Fact]
    public void UnwritableOutputsAndDirectoriesGivenAsFiles_GiveOneLineNamingThePath()
    {
        string run = _dir.Combine("R");
        Assert.Equal(0, Cli("train", "--epochs", "1", "--hidden", "8", "--out", run).ExitCode);
        string aFile = _dir.Combine("a-file.txt");
        File.WriteAllText(aFile, "x");
        string under = Path.Combine(aFile, "out.csv"); // a path below a file cannot be created, even by root
        string input = _dir.Combine("in.csv");
        File.WriteAllText(input, "1,2,3,4\n");
        foreach (string[] args in new[]
        {
            new[] { "predict", run, input, "--out", under },
            ["predict", run, input, "--show", "1", "--show-out", under],
            ["train", "--epochs", "1", "--out", under],
            ["plot", "activations", "--out", under],
            ["predict", run, _dir.Path],
            ["train", "--config", _dir.Path],
            ["eval", _dir.Path],
        })
        {
            var r = Cli(args);
            Assert.True(r.ExitCode == 2, $"{string.Join(' ', args)}: exit {r.ExitCode}, {r.Stderr}");
            string line = Assert.Single(r.StderrLines);
            Assert.True(line.Contains(under, StringComparison.Ordinal) || line.Contains(_dir.Path, StringComparison.Ordinal), line);
            Assert.DoesNotContain(".tmp", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ErrorLines_AreCutToAboutThreeHundredCharacters()
    {
        string longName = new('x', 2000);
        var r = Cli("train", "--activation", longName);
        Assert.Equal(2, r.ExitCode);
        Assert.InRange(Assert.Single(r.StderrLines).Length, 1, 340);
    }

    private static bool Mount(string path, string size)
    {
        using var mount = Process.Start(new ProcessStartInfo("mount", ["-t", "tmpfs", "-o", "size=" + size, "tmpfs", path]) { RedirectStandardError = true })!;
        mount.WaitForExit();
        // Only root can mount; the suite runs as root in CI, where this test does its work.
        return mount.ExitCode == 0;
    }

    public void Dispose() => _dir.Dispose();
}
