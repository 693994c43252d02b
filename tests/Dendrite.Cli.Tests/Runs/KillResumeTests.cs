using System.Diagnostics;
using Dendrite.Formats.Safetensors;
using Dendrite.TestKit;
using Dendrite.Training.Checkpoints;

namespace Dendrite.Cli.Tests.Runs;

/// <summary>
/// The real thing: the CLI as a child process, killed (SIGKILL) during the second epoch, then resumed. The
/// resumed run must end with exactly the weights of an uninterrupted run.
/// </summary>
public class KillResumeTests
{
    private const int Epochs = 4;

    private static string[] TrainArgs(string data, string run, string[] extra) =>
        ["train", "--data", data, "--out", run, "--epochs", Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
         "--hidden", "256", "--batch-size", "32", "--seed", "3", "--threads", "1", "--log-format", "json", .. extra];

    /// <summary>The d2l option set, and the toolbox: every piece of state beyond weights (AdamW moments, onecycle's
    /// position, dropout streams, validation and early-stopping trackers) has to survive the kill.</summary>
    public static TheoryData<string[]> Configurations() =>
    [
        [],
        ["--optimizer", "adamw", "--lr", "0.001", "--lr-schedule", "onecycle", "--dropout", "0.2", "--init", "kaiming_uniform",
         "--clip-grad", "norm:1", "--val-split", "0.1", "--early-stopping", "50"],
    ];

    [Theory]
    [MemberData(nameof(Configurations))]
    public void KilledMidEpoch_ThenResumed_EndsBitIdenticalToAnUninterruptedRun(string[] extra)
    {
        using var dir = new TempDirectory();
        string data = dir.Combine("data"), whole = dir.Combine("whole"), killed = dir.Combine("killed");
        SyntheticIdx.Write(data, trainCount: 20000, testCount: 500);

        var reference = CliRunner.Run(CliServices.Default, TrainArgs(data, whole, extra));
        Assert.True(reference.ExitCode == 0, reference.Stderr);

        int epochAtKill = RunAndKillDuringSecondEpoch(TrainArgs(data, killed, extra), Path.Combine(killed, "last.safetensors"));
        // The kill landed before the run finished, and what it left is a complete, loadable checkpoint.
        Assert.InRange(epochAtKill, 1, Epochs - 1);
        Assert.Equal(epochAtKill, Checkpoint.Load(Path.Combine(killed, "last.safetensors")).Epoch);

        var resumed = CliRunner.Run(CliServices.Default, "train", "--resume", killed, "--data", data, "--log-format", "json");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);

        var expected = Checkpoint.Load(Path.Combine(whole, "last.safetensors"));
        var actual = Checkpoint.Load(Path.Combine(killed, "last.safetensors"));
        Assert.Equal(Epochs, actual.Epoch);
        CheckpointAssert.SameState(expected, actual);
        Assert.Equal(expected.Optimizer.Scalars, actual.Optimizer.Scalars);
        Assert.Equal(expected.History.Select(h => (h.TrainLoss, h.TestAccuracy, h.ValidationAccuracy)),
            actual.History.Select(h => (h.TrainLoss, h.TestAccuracy, h.ValidationAccuracy)));
    }

    /// <summary>
    /// A CSV run (regression with the toolbox) killed after its first epoch: on a table an epoch is short, so the run
    /// is longer (16 epochs) and the kill lands within its first few epochs.
    /// </summary>
    [Theory]
    [InlineData("regression", "--loss", "huber")]
    [InlineData("classification", "--class-weight", "balanced")]
    public void KilledCsvRun_ThenResumed_EndsBitIdenticalToAnUninterruptedRun(string task, string objective, string value)
    {
        const int epochs = 16;
        using var dir = new TempDirectory();
        string csv = Tables.TableFiles.Write(dir.Combine("table.csv"), task, rows: 12000);
        string whole = dir.Combine("whole"), killed = dir.Combine("killed");
        string[] Args(string run) =>
        [
            "train", "--csv", csv, "--target", Tables.TableFiles.Target(task), "--id-column", "id", "--out", run,
            "--epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--hidden", "64,32", "--batch-size", "32",
            "--seed", "3", "--threads", "1", "--log-format", "json", "--optimizer", "adamw", "--lr", "0.003", "--lr-schedule", "cosine",
            "--dropout", "0.1", "--batchnorm", "--clip-grad", "norm:1", "--val-split", "0.1", "--early-stopping", "50", objective, value,
        ];

        var reference = CliRunner.Run(CliRunner.NoData, Args(whole));
        Assert.True(reference.ExitCode == 0, reference.Stderr);

        int epochAtKill = RunAndKillDuringSecondEpoch(Args(killed), Path.Combine(killed, "last.safetensors"));
        Assert.InRange(epochAtKill, 1, epochs - 1);
        Assert.Equal(epochAtKill, Checkpoint.Load(Path.Combine(killed, "last.safetensors")).Epoch);

        var resumed = CliRunner.Run(CliRunner.NoData, "train", "--resume", killed, "--log-format", "json", "--threads", "2");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);

        var expected = Checkpoint.Load(Path.Combine(whole, "last.safetensors"));
        var actual = Checkpoint.Load(Path.Combine(killed, "last.safetensors"));
        Assert.Equal(epochs, actual.Epoch);
        CheckpointAssert.SameState(expected, actual);
        Assert.Equal(expected.Optimizer.Scalars, actual.Optimizer.Scalars);
        Assert.Equal(expected.History.Select(h => (h.TrainLoss, h.Test, h.Validation)), actual.History.Select(h => (h.TrainLoss, h.Test, h.Validation)));
        CheckpointAssert.SameState(Checkpoint.Load(Path.Combine(whole, "best.safetensors")), Checkpoint.Load(Path.Combine(killed, "best.safetensors")));
    }

    /// <summary>Starts the CLI, waits for the epoch-1 checkpoint, kills the process at once; returns the epoch on disk.</summary>
    private static int RunAndKillDuringSecondEpoch(string[] args, string lastPath)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Dendrite.Cli.dll"));
        foreach (string a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        try
        {
            while (EpochOnDisk(lastPath) < 1)
            {
                Assert.False(process.HasExited, "the training process ended before its first epoch");
                Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(3), "no epoch-1 checkpoint after 3 minutes");
                Thread.Sleep(2);
            }
        }
        finally
        {
            if (!process.HasExited) process.Kill();
            process.WaitForExit();
        }
        return EpochOnDisk(lastPath);
    }

    private static int EpochOnDisk(string path)
    {
        if (!File.Exists(path)) return -1;
        try
        {
            return int.Parse(SafetensorsReader.ReadHeader(path).Metadata[CheckpointKeys.Epoch], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1; // being replaced at this instant; look again
        }
    }
}
