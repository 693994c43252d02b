using Dendrite.Init;
using Dendrite.Nn;
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
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(model, sgd, new TrainerOptions(Epochs: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(model, sgd, new TrainerOptions(BatchSize: -1)));
    }

    [Fact]
    public void MlpTraining_RejectsDataWithTheWrongFeatureCount()
    {
        var data = BandData.Create(10, 0);
        var ex = Assert.Throws<DendriteException>(() =>
            MlpTraining.Run(MlpSpec.D2lDefault, new SgdOptions(0.1f), new TrainerOptions(), data, data));
        Assert.Contains("784", ex.Message);
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

// Needs the ops and DataLoader (other helpers).
public class TrainerTests
{
    private static TrainingOutcome Run(ulong seed) =>
        MlpTraining.Run(new MlpSpec(2, [8], 2, ActivationKind.Relu, LinearInit.Default), new SgdOptions(0.1f),
            new TrainerOptions(Epochs: 3, BatchSize: 16, Seed: seed), BandData.Create(200, 5), BandData.Create(100, 6));

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
        var spec = new MlpSpec(2, [8], 2, ActivationKind.Relu, LinearInit.Default);
        var seeds = new RunSeeds(0);
        var model = ModelFactory.BuildMlp(spec, seeds.Init);
        var trainer = new Trainer(model, new Sgd(model.Parameters(), new SgdOptions(0.1f)), new TrainerOptions(Epochs: 3, BatchSize: 16));
        var results = trainer.Fit(BandData.Create(100, 1), BandData.Create(50, 2), seeds.Shuffle, reported.Add);
        Assert.Equal([1, 2, 3], reported.Select(r => r.Epoch));
        Assert.Equal(results, reported);
        Assert.All(reported, r =>
        {
            Assert.InRange(r.TrainAccuracy, 0, 1);
            Assert.InRange(r.TestAccuracy, 0, 1);
            Assert.True(double.IsFinite(r.TrainLoss) && r.TrainLoss > 0);
        });
        Assert.True(model.IsTraining);
    }
}
