using Dendrite.Data;
using Dendrite.Nn.Configs;
using Dendrite.Optim;
using Dendrite.Training.Checkpoints;
using Dendrite.Training.Models;
using Dendrite.Training.Policy;
using Dendrite.Training.Runs;

namespace Dendrite.Training.Tests.Runs;

/// <summary>
/// A CSV regression run with the toolbox on (AdamW, a step schedule, dropout, batch norm, a validation split and early
/// stopping on RMSE) resumes bit for bit: the table's split and preprocessing are recomputed from the config.
/// </summary>
public sealed class TableResumeTests : IDisposable
{
    private const int Epochs = 6;

    private readonly SyntheticTables _tables = new();

    private static RunConfig Setup(string csv, TrainingEngine engine, int epochs = Epochs) => new()
    {
        Data = new CsvSource(csv, "y") { IdColumn = "id", SplitSeed = 3 },
        Model = new MlpSpec(0, [12, 6], 0, "relu", Dropout: 0.1f, BatchNorm: true),
        Optimizer = new OptimizerSettings(OptimizerKind.AdamW, 0.01f, 0.01f),
        Policy = new TrainingPolicy(new LrScheduleSpec(LrScheduleKind.Step, StepSize: 2, Gamma: 0.5), ValidationFraction: 0.2,
            EarlyStopping: new EarlyStoppingSpec(50)),
        Training = new TrainerOptions(Epochs: epochs, BatchSize: 16, Engine: engine),
        Seed = 5,
    };

    private static RunData Data(RunConfig config) => RunDataLoader.FromCsv((CsvSource)config.Data, config);

    [Theory]
    [InlineData(0, TrainingEngine.Auto)]
    [InlineData(2, TrainingEngine.Auto)]
    [InlineData(3, TrainingEngine.Autograd)]
    [InlineData(5, TrainingEngine.Auto)]
    public void InterruptedAfterEpochK_ThenResumed_EndsWithTheSameBytesAsAnUninterruptedRun(int k, TrainingEngine engine)
    {
        string csv = _tables.Mixed(200, 11);
        var config = Setup(csv, engine);
        using var whole = RunFolder.Create(_tables.NewFolder("whole"));
        var wholeOutcome = RunTraining.Start(whole, config, Data(config));
        Assert.Equal(Epochs, wholeOutcome.Epochs.Count);
        Assert.All(wholeOutcome.Epochs, e => Assert.Equal(TaskKind.Regression, e.Validation!.Task));

        using var split = RunFolder.Create(_tables.NewFolder("split"));
        if (k == 0)
            Assert.Throws<OperationCanceledException>(() => RunTraining.Start(split, config, Data(config), cancellationToken: new CancellationToken(true)));
        else RunTraining.Start(split, Setup(csv, engine, k), Data(Setup(csv, engine, k)));
        var last = Checkpoint.Load(split.LastPath);
        Assert.Equal(k, last.Epoch);
        // The resumed run reads its settings back from the checkpoint, as the CLI does.
        RunConfig saved = last.Config!;
        var resumed = saved with { Training = saved.Training with { Epochs = Epochs } };
        RunConfigAssert.Same(config, resumed);
        split.Dispose();
        using var reopened = RunFolder.Open(split.Path);
        RunTraining.Resume(reopened, last, resumed, Data(resumed));

        byte[] expected = File.ReadAllBytes(whole.LastPath), actual = File.ReadAllBytes(split.LastPath);
        var a = Checkpoint.Read(expected, whole.LastPath);
        var b = Checkpoint.Read(actual, split.LastPath);
        ToolboxResumeTests.AssertSameTensors(a.State, b.State);
        ToolboxResumeTests.AssertSameState(a, b);
        Assert.Equal(Checkpoint.Load(whole.BestPath).Epoch, Checkpoint.Load(split.BestPath).Epoch);
        Assert.Equal(ToolboxResumeTests.WithoutSeconds(whole.MetricsPath), ToolboxResumeTests.WithoutSeconds(split.MetricsPath));
        // Only the timings differ: with them equalized the files are the same bytes.
        var timeless = a with { History = [.. a.History.Select(h => h with { Seconds = 0 })] };
        Assert.Equal(timeless.ToBytes(), (b with { History = [.. b.History.Select(h => h with { Seconds = 0 })] }).ToBytes());
    }

    [Fact]
    public void RegressionRun_WritesItsScores_AndPicksTheBestEpochByValidationRmse()
    {
        string csv = _tables.Mixed(200, 12);
        var config = Setup(csv, TrainingEngine.Auto);
        using var folder = RunFolder.Create(_tables.NewFolder("run"));
        var epochs = new List<RunEpoch>();
        RunTraining.Start(folder, config, Data(config), new RunCallbacks(epochs.Add));

        string[] csvLines = File.ReadAllLines(folder.MetricsPath);
        Assert.Equal("epoch,train_loss,test_loss,test_rmse,test_mae,test_r2,test_log_rmse,seconds,val_loss,val_rmse,val_mae,val_r2,val_log_rmse",
            csvLines[0]);
        Assert.Equal(Epochs + 1, csvLines.Length);
        Assert.Contains("\"selection_metric\": \"val_rmse\"", File.ReadAllText(folder.ConfigPath), StringComparison.Ordinal);
        var best = epochs.Last(e => e.IsBest).Result;
        Assert.Equal(epochs.Min(e => e.Result.Validation!.Rmse), best.Validation!.Rmse);
        Assert.Equal(best.Epoch, Checkpoint.Load(folder.BestPath).Epoch);
        // The scores are in the target's units: the target's spread is about 3.5, far from the standardized 1.
        Assert.All(epochs, e => Assert.True(double.IsFinite(e.Result.Test!.Rmse) && double.IsFinite(e.Result.TrainLoss)));
        var model = TrainedModel.Load(folder.LastPath);
        Assert.Equal(TaskKind.Regression, model.Info.Task);
        Assert.Equal("y", model.Info.TargetName);
        Assert.Equal("id", ((TableInput)model.Info.Input).IdColumn);
    }

    [Fact]
    public void Resume_AfterTheCsvChanged_IsRefused()
    {
        string csv = _tables.Mixed(120, 13);
        var config = Setup(csv, TrainingEngine.Auto, 2);
        using var folder = RunFolder.Create(_tables.NewFolder("run"));
        RunTraining.Start(folder, config, Data(config));
        // Other rows: the preprocessing fitted now has other means and spreads.
        File.Copy(_tables.Mixed(120, 14), csv, overwrite: true);
        var longer = config with { Training = config.Training with { Epochs = 4 } };
        var e = Assert.Throws<RunFolderException>(() => RunTraining.Resume(folder, Checkpoint.Load(folder.LastPath), longer, Data(longer)));
        Assert.Contains("CSV file changed", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _tables.Dispose();
}
