using Dendrite.Init;
using Dendrite.Nn.Configs;
using Dendrite.Optim;
using Dendrite.Optim.Schedules;
using Dendrite.Random;
using Dendrite.Training.Policy;

namespace Dendrite.Training.Tests.Policy;

public class TrainerPolicyTests
{
    private static readonly MlpSpec Spec = new(2, [8], 2, "relu", LinearInit.Default);

    private static Trainer Make(TrainingPolicy policy, float lr = 0.1f, int epochs = 5, TrainingEngine engine = TrainingEngine.Auto, MlpSpec? spec = null)
    {
        var model = (spec ?? Spec).Build(new Rng(1), new Rng(2));
        return new Trainer(model, new Sgd(model.Parameters(), new SgdOptions(lr)), new TrainerOptions(Epochs: epochs, BatchSize: 16, Engine: engine), policy);
    }

    /// <summary>The learning rate in force during each epoch (read after the epoch; per-epoch schedules set it at the start).</summary>
    private static List<float> RatesPerEpoch(Trainer trainer, Data.InMemoryDataset? validation = null)
    {
        var data = BandData.Create(64, 1);
        var rates = new List<float>();
        // The rate at each epoch's last batch: the one the epoch ran with (the epoch callback comes after the plateau
        // schedule has already set the next epoch's rate, so that checkpoints hold the boundary state).
        trainer.Fit(new FitData(data, validation, data), new Rng(3), new FitCallbacks(Batch: b =>
        {
            if (b.Samples == b.Total) rates.Add(trainer.Optimizer.LearningRate);
        }));
        return rates;
    }

    [Fact]
    public void StepSchedule_SetsEachEpochsRate()
    {
        var rates = RatesPerEpoch(Make(new TrainingPolicy(new LrScheduleSpec(LrScheduleKind.Step, StepSize: 2, Gamma: 0.5))));
        Assert.Equal([0.1f, 0.1f, 0.05f, 0.05f, 0.025f], rates);
    }

    [Fact]
    public void MultiStepAndExponential_MatchTheirSchedules()
    {
        var multi = RatesPerEpoch(Make(new TrainingPolicy(new LrScheduleSpec(LrScheduleKind.MultiStep, Milestones: [1, 3], Gamma: 0.1))));
        Assert.Equal([0.1f, (float)(0.1 * 0.1), (float)(0.1 * 0.1), (float)(0.1 * 0.1 * 0.1), (float)(0.1 * 0.1 * 0.1)], multi);
        var exp = RatesPerEpoch(Make(new TrainingPolicy(new LrScheduleSpec(LrScheduleKind.Exponential, Gamma: 0.5))));
        Assert.Equal([.. Enumerable.Range(0, 5).Select(t => (float)(0.1f * Math.Pow(0.5, t)))], exp);
    }

    [Fact]
    public void Warmup_RampsFromAThird_ThenCosineStartsAtTheBaseRate()
    {
        var rates = RatesPerEpoch(Make(new TrainingPolicy(new LrScheduleSpec(LrScheduleKind.Cosine), WarmupEpochs: 2)));
        var cosine = new CosineAnnealingLR(0.1f, 3);
        Assert.Equal([(float)(0.1f / 3.0), (float)(0.1f * (1 / 3.0 + 2 / 3.0 / 2)), (float)cosine.LearningRateAt(0),
            (float)cosine.LearningRateAt(1), (float)cosine.LearningRateAt(2)], rates);
    }

    [Fact]
    public void OneCycle_IsSteppedPerBatch_AndEndsAtItsFinalRate()
    {
        var trainer = Make(new TrainingPolicy(new LrScheduleSpec(LrScheduleKind.OneCycle)), epochs: 3);
        RatesPerEpoch(trainer);
        var schedule = new OneCycleLR(0.1f, 3 * 4); // 64 samples / batch 16 = 4 steps per epoch
        Assert.Equal((float)schedule.LearningRateAt(11), trainer.Optimizer.LearningRate);
    }

    [Fact]
    public void Plateau_CutsTheRate_WhenTheMonitoredLossStopsImproving()
    {
        // A tiny rate keeps the loss all but constant (changes far below the relative threshold 1e-4), so every epoch
        // after the first is a bad one: with patience 1 the third and fifth epochs cut the rate for the next epoch.
        const float Lr = 1e-6f;
        var rates = RatesPerEpoch(Make(new TrainingPolicy(new LrScheduleSpec(LrScheduleKind.Plateau, Patience: 1, Factor: 0.5)), lr: Lr));
        Assert.Equal([Lr, Lr, Lr, (float)(Lr * 0.5), (float)(Lr * 0.5)], rates);
    }

    [Fact]
    public void ValueClipping_BoundsEveryUpdate()
    {
        var trainer = Make(new TrainingPolicy(Clip: new GradientClip(GradientClipKind.Value, 1e-4f)), lr: 1f, epochs: 1);
        var before = trainer.Model.Parameters().Select(p => (float[])p.Data.Clone()).ToList();
        RatesPerEpoch(trainer);
        var after = trainer.Model.Parameters().Select(p => p.Data).ToList();
        // 4 steps of lr·|g| ≤ 1e-4 each.
        for (int i = 0; i < before.Count; i++)
            for (int j = 0; j < before[i].Length; j++) Assert.InRange(Math.Abs(after[i][j] - before[i][j]), 0, 4e-4 + 1e-6);
        var unclipped = Make(TrainingPolicy.None, lr: 1f, epochs: 1);
        RatesPerEpoch(unclipped);
        Assert.Contains(unclipped.Model.Parameters().Zip(before).SelectMany(p => p.First.Data.Zip(p.Second, (a, b) => Math.Abs(a - b))), d => d > 1e-3);
    }

    [Fact]
    public void NormClipping_RunsOnTheFusedPlanToo()
    {
        var trainer = Make(new TrainingPolicy(Clip: new GradientClip(GradientClipKind.Norm, 1e-6f)), lr: 1f, epochs: 1);
        Assert.NotNull(trainer.Plan);
        var before = trainer.Model.Parameters().Select(p => (float[])p.Data.Clone()).ToList();
        RatesPerEpoch(trainer);
        double moved = trainer.Model.Parameters().Zip(before).Sum(p => p.First.Data.Zip(p.Second, (a, b) => (double)(a - b) * (a - b)).Sum());
        Assert.InRange(Math.Sqrt(moved), 0, 4e-6 + 1e-7);
    }

    [Fact]
    public void EarlyStopping_StopsAfterPatience_AndRestoresTheBestWeights()
    {
        var data = BandData.Create(64, 1);
        var validation = BandData.Create(40, 9);
        // A huge learning rate makes accuracy jump around; patience 1 stops at the first epoch that is not a new best.
        var trainer = Make(new TrainingPolicy(ValidationFraction: 0.2, EarlyStopping: new EarlyStoppingSpec(1)), lr: 50f, epochs: 30);
        var snapshots = new List<float[][]>();
        var results = trainer.Fit(new FitData(data, validation, data), new Rng(3),
            new FitCallbacks(_ => snapshots.Add([.. trainer.Model.Parameters().Select(p => (float[])p.Data.Clone())])));
        Assert.True(results.Count < 30, "training should have stopped early");
        Assert.All(results, r => Assert.NotNull(r.ValidationAccuracy));
        int best = results.Select((r, i) => (r.ValidationAccuracy!.Value, i)).MaxBy(t => t.Value).i; // first maximum
        Assert.Equal(best + 1, trainer.RestoredEpoch);
        Assert.Equal(snapshots[best], trainer.Model.Parameters().Select(p => p.Data));
        Assert.True(results[^1].ValidationAccuracy <= results[best].ValidationAccuracy);
    }

    [Fact]
    public void EarlyStopping_WithoutValidationSet_IsRejected()
    {
        var trainer = Make(new TrainingPolicy(ValidationFraction: 0.2, EarlyStopping: new EarlyStoppingSpec(2)));
        var data = BandData.Create(64, 1);
        var e = Assert.Throws<DendriteException>(() => trainer.Fit(data, data, new Rng(0)));
        Assert.Contains("validation", e.Message, StringComparison.Ordinal);
        Assert.Throws<DendriteException>(() => Make(new TrainingPolicy(EarlyStopping: new EarlyStoppingSpec(2))));
    }

    [Fact]
    public void EarlyStoppingTracker_RestoresTheSnapshotOfTheBestEpoch()
    {
        var model = (Spec with { BatchNorm = true }).Build(new Rng(0));
        var stopper = new EarlyStopping(new EarlyStoppingSpec(2, MinDelta: 0.01));
        var best = model.Parameters().Select(p => (float[])p.Data.Clone()).ToList();
        Assert.False(stopper.Observe(1, 0.50, model));
        foreach (var p in model.Parameters()) p.Data.AsSpan().Fill(7f);
        Assert.False(stopper.Observe(2, 0.505, model)); // within min delta: not an improvement
        Assert.True(stopper.Observe(3, 0.40, model));
        stopper.RestoreBest(model);
        Assert.Equal(1, stopper.BestEpoch);
        Assert.Equal(best, model.Parameters().Select(p => p.Data));
    }

    [Fact]
    public void EarlyStoppingTracker_ForRmse_TreatsLowerAsBetter()
    {
        var model = Spec.Build(new Rng(0));
        var stopper = new EarlyStopping(new EarlyStoppingSpec(2, MinDelta: 0.01), MetricGoal.Rmse);
        Assert.False(stopper.Observe(1, 0.50, model));
        Assert.False(stopper.Observe(2, 0.30, model)); // lower RMSE: a new best
        Assert.False(stopper.Observe(3, 0.295, model)); // within min delta: not an improvement
        Assert.True(stopper.Observe(4, double.NaN, model)); // a diverged epoch never improves
        Assert.Equal((2, 0.30), (stopper.BestEpoch, stopper.BestValue));
        var state = stopper.ExportState();
        Assert.Equal((2, 0.30, 2), (state.BestEpoch, state.BestValue, state.BadEpochs));
    }

    [Fact]
    public void RunWithPolicy_SplitsOffValidation_AndReportsItEveryEpoch()
    {
        var data = BandData.Create(100, 1);
        var outcome = MlpTraining.Run(Spec with { Dropout = 0.1f }, new OptimizerSettings(OptimizerKind.Adam, 0.01f), new TrainerOptions(Epochs: 3, BatchSize: 16),
            0, data, data, new TrainingPolicy(ValidationFraction: 0.25));
        Assert.Equal(3, outcome.Epochs.Count);
        Assert.All(outcome.Epochs, e => Assert.InRange(e.ValidationAccuracy!.Value, 0, 1));
        Assert.All(outcome.Epochs, e => Assert.Equal(25, e.Validation!.Count)); // a quarter of the 100 training samples
        var again = MlpTraining.Run(Spec with { Dropout = 0.1f }, new OptimizerSettings(OptimizerKind.Adam, 0.01f), new TrainerOptions(Epochs: 3, BatchSize: 16),
            0, data, data, new TrainingPolicy(ValidationFraction: 0.25));
        Assert.Equal(outcome.Epochs.Select(e => e.TrainLoss), again.Epochs.Select(e => e.TrainLoss));
    }
}
