using Dendrite.Data;
using Dendrite.Init;
using Dendrite.Nn;
using Dendrite.Nn.Configs;
using Dendrite.Optim;
using Dendrite.Random;

namespace Dendrite.Training.Tests;

public class SeedsAndOptionsTests
{
    [Fact]
    public void RunSeeds_AreReproducible_AndIndependent()
    {
        var a = new RunSeeds(42);
        var b = new RunSeeds(42);
        Assert.Equal(a.Init.NextUInt64(), b.Init.NextUInt64());
        Assert.Equal(a.Shuffle.NextUInt64(), b.Shuffle.NextUInt64());
        var c = new RunSeeds(42);
        Assert.NotEqual(c.Init.NextUInt64(), c.Shuffle.NextUInt64());
        Assert.NotEqual(new RunSeeds(1).Init.NextUInt64(), new RunSeeds(2).Init.NextUInt64());
    }

    [Fact]
    public void TrainerOptions_RejectNonPositiveSizes()
    {
        var model = new Sequential(new Linear(2, 2, new Rng(0)));
        var sgd = new Sgd(model.Parameters(), new SgdOptions(0.1f));
        Assert.Contains("epochs", Assert.Throws<DendriteException>(() => new Trainer(model, sgd, new TrainerOptions(Epochs: 0))).Message,
            StringComparison.Ordinal);
        Assert.Contains("batch size", Assert.Throws<DendriteException>(() => new Trainer(model, sgd, new TrainerOptions(BatchSize: -1))).Message,
            StringComparison.Ordinal);
        Assert.Throws<DendriteException>(() => new Trainer(model, sgd, new TrainerOptions(EvalBatchSize: 0)));
    }

    [Fact]
    public void Trainer_RejectsDataWithTheWrongFeatureCount()
    {
        var data = BandData.Create(10, 0);
        var model = MlpSpec.D2lDefault.Build(new Rng(0));
        var trainer = new Trainer(model, new Sgd(model.Parameters(), new SgdOptions(0.1f)), new TrainerOptions());
        var ex = Assert.Throws<DendriteException>(() => trainer.Fit(data, data, new Rng(0)));
        Assert.Contains("784", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MlpTraining_TakesTheInputAndOutputWidthsFromTheData()
    {
        // The recipe's widths are placeholders: the data decides them (the D2L recipe on 2-feature, 2-class data).
        var outcome = MlpTraining.Run(MlpSpec.D2lDefault, new OptimizerSettings(OptimizerKind.Sgd, 0.1f), new TrainerOptions(Epochs: 1, BatchSize: 8),
            0, BandData.Create(16, 0), BandData.Create(8, 1));
        var linears = outcome.Model.Modules().OfType<Linear>().ToList();
        Assert.Equal((2, 256, 256, 2), (linears[0].InFeatures, linears[0].OutFeatures, linears[1].InFeatures, linears[1].OutFeatures));
    }

    [Fact]
    public void BandData_IsBalancedAndLabelledByTheBandRule()
    {
        var data = BandData.Create(1000, 1);
        Assert.Equal(500, data.Labels.Count(l => l == 1));
        for (int i = 0; i < data.Count; i++)
            Assert.Equal(MathF.Abs(data.Features[2 * i] - data.Features[2 * i + 1]) < 0.5f ? 1 : 0, data.Labels[i]);
    }
}

public class TrainerTests
{
    private static readonly MlpSpec Spec = new(2, [8], 2, "relu", LinearInit.Default);

    private static TrainingOutcome Run(ulong seed) =>
        MlpTraining.Run(Spec, new OptimizerSettings(OptimizerKind.Sgd, 0.1f), new TrainerOptions(Epochs: 3, BatchSize: 16), seed,
            BandData.Create(200, 5), BandData.Create(100, 6));

    private static Trainer Make(int epochs, RunSeeds seeds)
    {
        var model = Spec.Build(seeds.Init);
        return new Trainer(model, new Sgd(model.Parameters(), new SgdOptions(0.1f)), new TrainerOptions(Epochs: epochs, BatchSize: 16));
    }

    [Fact]
    public void SameSeed_GivesBitwiseIdenticalRuns()
    {
        var a = Run(11);
        var b = Run(11);
        Assert.Equal(a.Epochs.Select(e => e.TrainLoss), b.Epochs.Select(e => e.TrainLoss));
        Assert.Equal(a.Epochs.Select(e => e.TestAccuracy), b.Epochs.Select(e => e.TestAccuracy));
        var pa = a.Model.Parameters().ToArray();
        var pb = b.Model.Parameters().ToArray();
        for (int i = 0; i < pa.Length; i++) Assert.Equal(pa[i].Data, pb[i].Data);
        Assert.NotEqual(a.Epochs[^1].TrainLoss, Run(12).Epochs[^1].TrainLoss);
    }

    [Fact]
    public void Fit_ReportsEveryEpochInOrder_AndLeavesTrainingMode()
    {
        var reported = new List<EpochResult>();
        var seeds = new RunSeeds(0);
        var trainer = Make(3, seeds);
        var results = trainer.Fit(BandData.Create(100, 1), BandData.Create(50, 2), seeds.Shuffle, reported.Add);
        Assert.Equal([1, 2, 3], reported.Select(r => r.Epoch));
        Assert.Equal(results, reported);
        Assert.All(reported, r =>
        {
            Assert.InRange(r.TrainAccuracy, 0, 1);
            Assert.InRange(r.TestAccuracy, 0, 1);
            Assert.Equal(TaskKind.Classification, r.Test!.Task);
            Assert.Equal(50, r.Test.Count);
            Assert.Null(r.Validation);
            Assert.Null(r.ValidationAccuracy);
            Assert.True(double.IsFinite(r.TrainLoss) && r.TrainLoss > 0);
        });
        Assert.True(trainer.Model.IsTraining);
    }

    [Fact]
    public void Epochs_TrainsOneEpochPerItem_AndStopsWhenTheCallerStops()
    {
        var train = BandData.Create(100, 1);
        var test = BandData.Create(50, 2);
        var whole = Make(5, new RunSeeds(4));
        var snapshots = new List<float[][]>();
        var wholeResults = whole.Fit(train, test, new RunSeeds(4).Shuffle,
            _ => snapshots.Add([.. whole.Model.Parameters().Select(p => (float[])p.Data.Clone())]));

        var lazy = Make(5, new RunSeeds(4));
        var initial = lazy.Model.Parameters().Select(p => (float[])p.Data.Clone()).ToList();
        var epochs = lazy.Epochs(train, test, new RunSeeds(4).Shuffle);
        Assert.Equal(initial, lazy.Model.Parameters().Select(p => p.Data)); // nothing trains before enumeration
        var firstTwo = epochs.Take(2).ToList();
        Assert.Equal([1, 2], firstTwo.Select(e => e.Epoch));
        Assert.Equal(wholeResults.Take(2).Select(e => (e.TrainLoss, e.TestAccuracy)), firstTwo.Select(e => (e.TrainLoss, e.TestAccuracy)));
        // The model holds epoch 2's weights: the third epoch was never trained.
        Assert.Equal(snapshots[1], lazy.Model.Parameters().Select(p => p.Data));
        Assert.NotEqual(snapshots[2], lazy.Model.Parameters().Select(p => p.Data));
    }

    [Fact]
    public void TrainEpoch_RunsOnePassOverAnyBatches_AndScoresThemBeforeEachUpdate()
    {
        var data = BandData.Create(64, 3);
        var trainer = Make(1, new RunSeeds(2));
        trainer.Model.Eval();
        var (loss, accuracy) = trainer.TrainEpoch(new DataLoader(data, 16));
        Assert.True(trainer.Model.IsTraining);
        Assert.True(double.IsFinite(loss) && loss > 0);
        Assert.InRange(accuracy, 0, 1);
        // The accuracy counts whole samples: a multiple of 1/64.
        Assert.Equal(0, accuracy * 64 % 1, 9);
        Assert.Equal((double.NaN, double.NaN), trainer.TrainEpoch([]));
    }
}
