using Dendrite.Init;
using Dendrite.Nn.Configs;
using Dendrite.Optim;
using Dendrite.TestKit;
using Dendrite.Training.Checkpoints;
using Dendrite.Training.Models;
using Dendrite.Training.Runs;

namespace Dendrite.Training.Tests.Runs;

public class RunTrainingTests
{
    private static readonly Data.InMemoryDataset Train = BandData.Create(90, 1);
    private static readonly Data.InMemoryDataset Test = BandData.Create(40, 2);

    private static RunConfig Setup(int epochs, TrainingEngine engine = TrainingEngine.Auto) => new()
    {
        Model = new MlpSpec(0, [7], 0, "tanh", LinearInit.Default),
        Optimizer = new OptimizerSettings(OptimizerKind.Sgd, 0.3f, 0.001f),
        Training = new TrainerOptions(Epochs: epochs, BatchSize: 16, Engine: engine),
        Seed = 11,
    };

    private static RunData Data(RunConfig config) =>
        RunDataLoader.FromDatasets(Train, Test, config, ModelInfo.Classifier(["out", "in"], new FeatureInput(2)));

    private static Dictionary<string, float[]> Weights(string path) =>
        Checkpoint.Load(path).State.ToDictionary(p => p.Key, p => p.Value.Data);

    [Theory]
    [InlineData(0, TrainingEngine.Fused)]
    [InlineData(1, TrainingEngine.Fused)]
    [InlineData(3, TrainingEngine.Fused)]
    [InlineData(2, TrainingEngine.Autograd)]
    public void Resume_AfterEpochK_EndsWithBitIdenticalWeights(int k, TrainingEngine engine)
    {
        using var dir = new TempDirectory();
        using var whole = RunFolder.Create(dir.Combine("whole"));
        RunTraining.Start(whole, Setup(5, engine), Data(Setup(5, engine)));

        using var split = RunFolder.Create(dir.Combine("split"));
        if (k == 0)
        {
            // Only the epoch-0 checkpoint exists: as if killed before the first epoch ended.
            Assert.Throws<OperationCanceledException>(() =>
                RunTraining.Start(split, Setup(5, engine), Data(Setup(5, engine)), cancellationToken: new CancellationToken(true)));
        }
        else RunTraining.Start(split, Setup(k, engine), Data(Setup(k, engine)));
        var last = Checkpoint.Load(split.LastPath);
        Assert.Equal(k, last.Epoch);
        split.Dispose();
        using var reopened = RunFolder.Open(split.Path);
        var outcome = RunTraining.Resume(reopened, last, Setup(5, engine), Data(Setup(5, engine)));

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
        using var folder = RunFolder.Create(dir.Combine("run"));
        var epochs = new List<RunEpoch>();
        RunTraining.Start(folder, Setup(3), Data(Setup(3)), new RunCallbacks(epochs.Add));

        string config = File.ReadAllText(folder.ConfigPath);
        Assert.EndsWith("}\n", config, StringComparison.Ordinal);
        RunConfigAssert.Same(Setup(3), RunConfigJson.Read(config, folder.ConfigPath));
        Assert.Contains("\"selection_metric\": \"test_acc\"", config, StringComparison.Ordinal);
        Assert.Contains("\"architecture\": {", config, StringComparison.Ordinal);
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
        using var folder = RunFolder.Create(dir.Combine("run"));
        RunTraining.Start(folder, Setup(2), Data(Setup(2)));
        var e = Assert.Throws<RunFolderException>(() =>
            RunTraining.Resume(folder, Checkpoint.Load(folder.LastPath), Setup(2), Data(Setup(2))));
        Assert.Contains("already finished 2 epochs", e.Message, StringComparison.Ordinal);
        Assert.Contains("more than 2 epochs", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_OnAnExistingRun_Refuses()
    {
        using var dir = new TempDirectory();
        using var folder = RunFolder.Create(dir.Combine("run"));
        RunTraining.Start(folder, Setup(1), Data(Setup(1)));
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
    public void Resume_WithAConfigThatBuildsAnotherModel_IsRefused()
    {
        using var dir = new TempDirectory();
        using var folder = RunFolder.Create(dir.Combine("run"));
        RunTraining.Start(folder, Setup(1), Data(Setup(1)));
        var wider = Setup(3) with { Model = Setup(3).Model with { Hidden = [9] } };
        var e = Assert.Throws<RunFolderException>(() => RunTraining.Resume(folder, Checkpoint.Load(folder.LastPath), wider, Data(wider)));
        Assert.Contains("different model", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithAnInvalidSetting_LeavesTheFolderEmpty()
    {
        using var dir = new TempDirectory();
        using var folder = RunFolder.Create(dir.Combine("run"));
        // Momentum does not apply to Adam: refused before anything is written.
        var bad = Setup(2) with { Optimizer = new OptimizerSettings(OptimizerKind.Adam, Momentum: 0.9f) };
        var e = Assert.Throws<DendriteException>(() => RunTraining.Start(folder, bad, Data(bad)));
        Assert.Contains("adam", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.LastPath));
        Assert.False(File.Exists(folder.ConfigPath));
        folder.Dispose();
        using var again = RunFolder.Create(folder.Path); // still free for a run
    }

    [Fact]
    public void Checkpoints_HoldTheRunsMeaning_SoTheyLoadAsTrainedModels()
    {
        using var dir = new TempDirectory();
        using var folder = RunFolder.Create(dir.Combine("run"));
        var outcome = RunTraining.Start(folder, Setup(2), Data(Setup(2)));
        var model = TrainedModel.Load(folder.LastPath);
        Assert.Equal(["out", "in"], model.Info.ClassNames!);
        Assert.Equal(new FeatureInput(2), model.Info.Input);
        Assert.Equal(2, model.Epoch);
        Assert.Equal(outcome.Epochs.Select(e => e.TrainLoss), model.History.Select(e => e.TrainLoss));
        Assert.Equal("2-7-2", model.Describe());
        var predictions = new Predictor(model).Predict(Test.Features, Test.Count);
        var live = new Predictor(new TrainedModel(outcome.Model, model.Info)).Predict(Test.Features, Test.Count);
        Assert.Equal(live.Select(p => (p.Class, p.ClassName)), predictions.Select(p => (p.Class, p.ClassName)));
        Assert.Equal(live.SelectMany(p => p.Probabilities!), predictions.SelectMany(p => p.Probabilities!));
        RunConfigAssert.Same(Setup(2), Checkpoint.Load(folder.LastPath).Config!);
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
