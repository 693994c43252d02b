using System.Globalization;
using Dendrite.TestKit;
using Dendrite.Training.Checkpoints;

namespace Dendrite.Distributed.Tests;

/// <summary>
/// <c>mpiexec -n 2 dendrite train --distributed</c> end to end, on a 600-row table: the same result as one process,
/// bit-identical repeats, a streamed table with dropout, resume, and no hang when a rank raises, dies or hangs. Each job takes a few seconds.
/// </summary>
public sealed class DistributedTrainTests(DistributedTrainTests.Runs runs) : IClassFixture<DistributedTrainTests.Runs>
{
    /// <summary>The stated tolerance on every weight after 3 epochs against the one-process run (see docs/scaling.md).</summary>
    private const float Tolerance = 1e-5f;

    /// <summary>The table, a one-process run and a 2-rank run of the same config, made once for the class.</summary>
    public sealed class Runs : IDisposable
    {
        public Runs()
        {
            Csv = TinyTable.Write(Folder.Combine("table.csv"));
            OneProcess = Train(0, "single");
            Parallel = Train(2, "parallel", "--distributed");
        }

        public TempDirectory Folder { get; } = new("dendrite-mpi-");

        public string Csv { get; }

        public string OneProcess { get; }

        public string Parallel { get; }

        public string[] Args(string outDir, int epochs = 3) =>
            ["train", "--csv", Csv, "--target", "label", "--epochs", epochs.ToString(CultureInfo.InvariantCulture), "--batch-size", "32",
             "--momentum", "0.9", "--threads", "1", "--out", outDir];

        public string Train(int ranks, string name, params string[] extra)
        {
            string dir = Folder.Combine(name);
            MpiJob.Result r = MpiJob.Run(ranks, [.. Args(dir), .. extra]);
            Assert.True(r.ExitCode == 0, r.Output);
            return dir;
        }

        public void Dispose() => Folder.Dispose();
    }

    private static Dictionary<string, float[]> Weights(string run) =>
        Checkpoint.Load(Path.Combine(run, "last.safetensors")).State.ToDictionary(kv => kv.Key, kv => kv.Value.Data.ToArray());

    private static double[] TrainLosses(string run) =>
        [.. File.ReadAllLines(Path.Combine(run, "metrics.csv")).Skip(1).Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture))];

    [Fact]
    public void TwoRanks_MatchOneProcess_WithinTheTolerance()
    {
        Dictionary<string, float[]> single = Weights(runs.OneProcess), parallel = Weights(runs.Parallel);
        Assert.Equal(single.Keys, parallel.Keys);
        float worst = single.Max(kv => kv.Value.Zip(parallel[kv.Key]).Max(p => MathF.Abs(p.First - p.Second)));
        Assert.True(worst <= Tolerance, $"max |Δw| = {worst}");
        Assert.Equal(TrainLosses(runs.OneProcess), TrainLosses(runs.Parallel), (a, b) => Math.Abs(a - b) <= 1e-5);
    }

    [Fact]
    public void TwoRanks_Streamed_WithDropout_MatchOneProcess()
    {
        // Each rank streams the file with the same chunk order and shuffle buffer and keeps its shard of each batch;
        // dropout masks are keyed by the row's place in the global batch, so both match the one-process streamed run.
        string[] extra = ["--stream", "--dropout", "0.3"];
        Dictionary<string, float[]> single = Weights(runs.Train(0, "stream-single", extra));
        Dictionary<string, float[]> parallel = Weights(runs.Train(2, "stream-parallel", [.. extra, "--distributed"]));
        Assert.Equal(single.Keys, parallel.Keys);
        float worst = single.Max(kv => kv.Value.Zip(parallel[kv.Key]).Max(p => MathF.Abs(p.First - p.Second)));
        Assert.True(worst <= Tolerance, $"max |Δw| = {worst}");
    }

    [Fact]
    public void TwoRanks_RepeatBitIdentically_AndOnlyRankZeroWrites()
    {
        string again = runs.Train(2, "again", "--distributed");
        Dictionary<string, float[]> first = Weights(runs.Parallel), second = Weights(again);
        foreach (var (name, values) in first) Assert.Equal(values, second[name]);
        Assert.Equal(TrainLosses(runs.Parallel), TrainLosses(again));
        Assert.True(File.Exists(Path.Combine(again, "plots", "learning_curves.svg")));
    }

    [Fact]
    public void Resume_WithTheSameRanks_ContinuesBitIdentically()
    {
        string dir = runs.Folder.Combine("resumed");
        Assert.Equal(0, MpiJob.Run(2, [.. runs.Args(dir, epochs: 2), "--distributed"]).ExitCode);
        MpiJob.Result resumed = MpiJob.Run(2, ["train", "--resume", dir, "--epochs", "3", "--distributed"]);
        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Dictionary<string, float[]> straight = Weights(runs.Parallel), continued = Weights(dir);
        foreach (var (name, values) in straight) Assert.Equal(values, continued[name]);
    }

    [Theory]
    [InlineData("throw", "rank 1 of 2 failed: InvalidOperationException: injected failure after epoch 1")]
    [InlineData("hang", "rank 0 of 2 waited more than 3 s")]
    public void AFailedRank_EndsTheJob_WithOneLineNamingIt(string mode, string line)
    {
        MpiJob.Result r = MpiJob.Run(2, [.. runs.Args(runs.Folder.Combine("fail-" + mode)), "--distributed", "--distributed-timeout", "3"],
            new Dictionary<string, string> { ["DENDRITE_TEST_RANK_FAILURE"] = $"1:1:{mode}" });
        Assert.NotEqual(0, r.ExitCode);
        Assert.Single(r.Stderr.Split('\n'), l => l.Contains(line, StringComparison.Ordinal));
        Assert.True(r.Elapsed < TimeSpan.FromSeconds(30), $"took {r.Elapsed}");
    }

    [Fact]
    public void AKilledRank_EndsTheJob_AndItsPidNamesIt()
    {
        MpiJob.Result r = MpiJob.Run(2, [.. runs.Args(runs.Folder.Combine("fail-kill")), "--distributed"],
            new Dictionary<string, string> { ["DENDRITE_TEST_RANK_FAILURE"] = "1:1:kill" });
        Assert.NotEqual(0, r.ExitCode);
        // The killed process cannot speak; mpiexec reports its PID, which the run's "distributed:" line maps to rank 1.
        string pid = System.Text.RegularExpressions.Regex.Match(r.Stdout, @"rank pids 0=\d+, 1=(\d+)").Groups[1].Value;
        Assert.NotEmpty(pid);
        Assert.Contains($"PID {pid} ", r.Output, StringComparison.Ordinal);
        Assert.True(r.Elapsed < TimeSpan.FromSeconds(30), $"took {r.Elapsed}");
    }

    [Fact]
    public void WithoutMpi_TheMessageSaysHowToInstallIt()
    {
        var e = Assert.Throws<DendriteException>(() => MpiLibrary.Load(["libdendrite-no-such-mpi.so.99"]));
        Assert.Contains("apt-get install mpich", e.Message, StringComparison.Ordinal);
    }
}
