using Dendrite.Init;
using Dendrite.Optim;
using Dendrite.TestKit;
using Dendrite.Training.Checkpoints;
using Dendrite.Training.Runs;

namespace Dendrite.Training.Tests.Runs;

public class RunTrainingTests
{
    private static readonly Data.InMemoryDataset Train = BandData.Create(90, 1);
    private static readonly Data.InMemoryDataset Test = BandData.Create(40, 2);

    private static RunSetup Setup(int epochs, TrainingEngine engine = TrainingEngine.Auto) => new(
        new MlpSpec(2, [7], 2, ActivationKind.Tanh, LinearInit.Default), new SgdOptions(0.3f, 0.001f),
        new TrainerOptions(Epochs: epochs, BatchSize: 16, Seed: 11, Engine: engine), ["out", "in"], "{\"options\":{}}");

    private static Dictionary<string, float[]> Weights(string path) =>
        Checkpoint.Load(path).Parameters.ToDictionary(p => p.Key, p => p.Value.Data);

    [Theory]
    [InlineData(0, TrainingEngine.Fused)]
    [InlineData(1, TrainingEngine.Fused)]
    [InlineData(3, TrainingEngine.Fused)]
    [InlineData(2, TrainingEngine.Autograd)]
    public void Resume_AfterEpochK_EndsWithBitIdenticalWeights(int k, TrainingEngine engine)
    {
        using var dir = new TempDirectory();
        var whole = RunFolder.Create(dir.Combine("whole"));
        RunTraining.Start(whole, Setup(5, engine), Train, Test);

        var split = RunFolder.Create(dir.Combine("split"));
        if (k == 0)
        {
            // Only the epoch-0 checkpoint exists: as if killed before the first epoch ended.
            Assert.Throws<OperationCanceledException>(() =>
                RunTraining.Start(split, Setup(5, engine), Train, Test, cancellationToken: new CancellationToken(true)));
        }
        else RunTraining.Start(split, Setup(k, engine), Train, Test);
        var last = Checkpoint.Load(split.LastPath);
        Assert.Equal(k, last.Epoch);
        var outcome = RunTraining.Resume(RunFolder.Open(split.Path), last, Setup(5, engine), Train, Test);

        Assert.Equal(5, outcome.Epochs.Count);
        var expected = Weights(whole.LastPath);
        var actual = Weights(split.LastPath);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, w) in expected) Assert.Equal(w, actual[name]);
        Assert.Equal(Checkpoint.Load(whole.LastPath).Rngs, Checkpoint.Load(split.LastPath).Rngs);
        Assert.Equal(
            Checkpoint.Load(whole.LastPath).History.Select(h => (h.TrainLoss, h.TestAccuracy)),
            Checkpoint.Load(split.LastPath).History.Select(h => (h.TrainLoss, h.TestAccuracy)));
    }

    [Fact]
    public void Start_WritesConfigMetricsAndBothCheckpoints()
    {
        using var dir = new TempDirectory();
        var folder = RunFolder.Create(dir.Combine("run"));
        var epochs = new List<RunEpoch>();
        RunTraining.Start(folder, Setup(3), Train, Test, epochs.Add);

        Assert.Equal("{\"options\":{}}\n", File.ReadAllText(folder.ConfigPath));
        string[] csv = File.ReadAllLines(folder.MetricsPath);
        Assert.Equal(RunFolder.MetricsHeader, csv[0]);
        Assert.Equal(["1", "2", "3"], csv.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal(3, Checkpoint.Load(folder.LastPath).Epoch);
        var best = Checkpoint.Load(folder.BestPath);
        var bestEpoch = epochs.Last(e => e.IsBest).Result;
        Assert.Equal(bestEpoch.Epoch, best.Epoch);
        Assert.Equal(epochs.Max(e => e.Result.TestAccuracy), bestEpoch.TestAccuracy);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Resume_WhenAllEpochsAreDone_SaysHowToExtend()
    {
        using var dir = new TempDirectory();
        var folder = RunFolder.Create(dir.Combine("run"));
        RunTraining.Start(folder, Setup(2), Train, Test);
        var e = Assert.Throws<RunFolderException>(() =>
            RunTraining.Resume(folder, Checkpoint.Load(folder.LastPath), Setup(2), Train, Test));
        Assert.Contains("--epochs", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_OnAnExistingRun_Refuses()
    {
        using var dir = new TempDirectory();
        var folder = RunFolder.Create(dir.Combine("run"));
        RunTraining.Start(folder, Setup(1), Train, Test);
        Assert.Throws<RunFolderException>(() => RunFolder.Create(folder.Path));
    }

    [Fact]
    public void Open_FolderWithoutCheckpoint_IsNotARun()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<RunFolderException>(() => RunFolder.Open(dir.Path));
        Assert.Contains("not a run folder", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultPath_AddsSuffix_WhenTheSecondIsTaken()
    {
        using var dir = new TempDirectory();
        var now = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Local);
        string first = RunFolder.DefaultPath(dir.Path, now);
        Directory.CreateDirectory(first);
        Assert.EndsWith("20250102-030405", first, StringComparison.Ordinal);
        Assert.EndsWith("20250102-030405-2", RunFolder.DefaultPath(dir.Path, now), StringComparison.Ordinal);
    }
}
