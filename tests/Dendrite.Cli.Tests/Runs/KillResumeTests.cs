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

    private static string[] TrainArgs(string data, string run) =>
        ["train", "--data", data, "--out", run, "--epochs", Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
         "--hidden", "256", "--batch-size", "32", "--seed", "3", "--threads", "1", "--log-format", "json"];

    [Fact]
    public void KilledMidEpoch_ThenResumed_EndsBitIdenticalToAnUninterruptedRun()
    {
        using var dir = new TempDirectory();
        string data = dir.Combine("data"), whole = dir.Combine("whole"), killed = dir.Combine("killed");
        SyntheticIdx.Write(data, trainCount: 20000, testCount: 500);

        var reference = CliRunner.Run(CliServices.Default, TrainArgs(data, whole));
        Assert.True(reference.ExitCode == 0, reference.Stderr);

        int epochAtKill = RunAndKillDuringSecondEpoch(TrainArgs(data, killed), Path.Combine(killed, "last.safetensors"));
        // The kill landed before the run finished, and what it left is a complete, loadable checkpoint.
        Assert.InRange(epochAtKill, 1, Epochs - 1);
        Assert.Equal(epochAtKill, Checkpoint.Load(Path.Combine(killed, "last.safetensors")).Epoch);

        var resumed = CliRunner.Run(CliServices.Default, "train", "--resume", killed, "--data", data, "--log-format", "json");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);

        var expected = Checkpoint.Load(Path.Combine(whole, "last.safetensors"));
        var actual = Checkpoint.Load(Path.Combine(killed, "last.safetensors"));
        Assert.Equal(Epochs, actual.Epoch);
        Assert.Equal(expected.Parameters.Keys, actual.Parameters.Keys);
        foreach (var (name, t) in expected.Parameters) Assert.Equal(t.Data, actual.Parameters[name].Data);
        Assert.Equal(expected.Rngs, actual.Rngs);
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
