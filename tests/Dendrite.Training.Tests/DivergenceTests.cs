using Dendrite.Data;
using Dendrite.Nn.Configs;
using Dendrite.Optim;
using Dendrite.Random;
using Dendrite.Training.Objectives;
using Microsoft.Extensions.Logging;

namespace Dendrite.Training.Tests;

/// <summary>
/// A run that blows up stops where it happened: a non-finite loss at its step, non-finite weights at the epoch's end,
/// and a loss that explodes while still finite is reported as a warning.
/// </summary>
public class DivergenceTests
{
    /// <summary>y = 2·x1 − 3.4·x2 + 4.2 with x ~ N(0, 1)², times <paramref name="scale"/>.</summary>
    internal static InMemoryDataset LinearTargets(int count, ulong seed, float scale = 1f)
    {
        var rng = new Rng(seed);
        var x = new float[count * 2];
        var y = new float[count];
        for (int i = 0; i < count; i++)
        {
            x[2 * i] = (float)rng.NextNormal();
            x[2 * i + 1] = (float)rng.NextNormal();
            y[i] = scale * (float)(2 * x[2 * i] - 3.4 * x[2 * i + 1] + 4.2);
        }
        return new InMemoryDataset(x, 2, y, 1);
    }

    private static Trainer Make(MlpSpec spec, float lr, int epochs, int batchSize, Objective? objective = null, TrainingEngine engine = TrainingEngine.Auto,
        ILogger? logger = null)
    {
        var model = spec.Build(new Rng(1));
        return new Trainer(model, new Sgd(model.Parameters(), new SgdOptions(lr)), new TrainerOptions(Epochs: epochs, BatchSize: batchSize, Engine: engine),
            objective: objective, logger: logger);
    }

    private static bool AllFinite(Trainer trainer) => trainer.Model.StateEntries().All(s => s.Tensor.Data.All(float.IsFinite));

    [Theory]
    [InlineData(TrainingEngine.Fused)]
    [InlineData(TrainingEngine.Autograd)]
    public void HugeLearningRate_ThrowsNamingTheEpochAndStep_AndSkipsTheBadUpdate(TrainingEngine engine)
    {
        var trainer = Make(new MlpSpec(2, [8], 2), 1e30f, epochs: 3, batchSize: 16, engine: engine);
        var seen = new List<EpochResult>();
        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(BandData.Create(64, 1), null, new Rng(3), seen.Add));
        Assert.Equal(1, e.Epoch);
        Assert.InRange(e.Step, 2, 4); // the first step is still finite; it throws the weights so far that the next loss is not
        Assert.Contains($"training diverged in epoch 1, step {e.Step}: the loss is ", e.Message, StringComparison.Ordinal);
        Assert.Contains("lower learning rate", e.Message, StringComparison.Ordinal);
        Assert.Empty(seen); // no epoch was reported
        Assert.True(AllFinite(trainer), "the diverged step's update must not be applied");
    }

    [Fact]
    public void WeightsThatOverflow_AreCaughtAtTheEpochsEnd()
    {
        // One step per epoch with a finite loss (about 10⁴) whose update overflows the weights to infinity.
        var trainer = Make(new MlpSpec(2, [], 1), 1e38f, epochs: 2, batchSize: 64, new RegressionObjective());
        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(LinearTargets(64, 1, 30f), null, new Rng(3)));
        Assert.Equal((1, 0), (e.Epoch, e.Step));
        Assert.Contains("training diverged in epoch 1: '", e.Message, StringComparison.Ordinal);
        Assert.Contains("' is no longer finite", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplodingButFiniteLoss_IsWarnedAboutOnce()
    {
        // Linear regression at 3× the stable step: the error grows about fivefold per step, the loss 25-fold.
        var logger = new ListLogger();
        var trainer = Make(new MlpSpec(2, [], 1), 3f, epochs: 4, batchSize: 16, new RegressionObjective(), logger: logger);
        var epochs = trainer.Run(new FitData(LinearTargets(64, 1)), new Rng(3)).Select(e => (e.Result.TrainLoss, e.Warning)).ToList();
        Assert.Equal(4, epochs.Count);
        Assert.All(epochs, e => Assert.True(double.IsFinite(e.TrainLoss)));
        Assert.Null(epochs[0].Warning);
        Assert.True(epochs[1].TrainLoss > 1000 * epochs[0].TrainLoss);
        Assert.Contains("in epoch 2", epochs[1].Warning, StringComparison.Ordinal);
        Assert.Contains("may be diverging", epochs[1].Warning, StringComparison.Ordinal);
        Assert.All(epochs.Skip(2), e => Assert.Null(e.Warning)); // once per fit
        Assert.Equal([epochs[1].Warning], logger.Entries.Where(x => x.Level == LogLevel.Warning).Select(x => x.Message));
        Assert.Equal(4, logger.Entries.Count(x => x.Level == LogLevel.Information && x.Message.StartsWith("epoch ", StringComparison.Ordinal)));
    }

    [Fact]
    public void StableTraining_HasNoWarnings()
    {
        var trainer = Make(new MlpSpec(2, [], 1), 0.05f, epochs: 3, batchSize: 16, new RegressionObjective());
        Assert.All(trainer.Run(new FitData(LinearTargets(64, 1)), new Rng(3)), e => Assert.Null(e.Warning));
    }

    /// <summary>Keeps what a trainer logs.</summary>
    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
