using Dendrite.Optim;
using Dendrite.Optim.Schedules;
using Dendrite.Tensors;

namespace Dendrite.Tests.Optim.Schedules;

public class ScheduleBehaviourTests
{
    [Fact]
    public void ApplyTo_DrivesTheOptimizerLearningRate()
    {
        var sgd = new Sgd([new Parameter([1f], 1)], new SgdOptions(0.1f));
        new StepLR(0.1, 2, 0.5).ApplyTo(sgd, 5);
        Assert.Equal(0.025f, sgd.LearningRate);
    }

    [Fact]
    public void Schedules_AreStateless_SoAnyEpochCanBeAskedInAnyOrder()
    {
        var schedule = new LinearWarmup(new CosineAnnealingLR(1, 10), 3);
        double late = schedule.LearningRateAt(9);
        _ = schedule.LearningRateAt(0);
        Assert.Equal(late, schedule.LearningRateAt(9));
    }

    [Fact]
    public void LinearWarmup_DefaultStartFactor_IsOneThirdLikePyTorchLinearLR()
    {
        var warmup = new LinearWarmup(new ExponentialLR(0.3, 0.5), 2);
        Assert.Equal(0.1, warmup.LearningRateAt(0), 12);
        Assert.Equal(0.2, warmup.LearningRateAt(1), 12);
        Assert.Equal(0.3, warmup.LearningRateAt(2), 12);
        Assert.Equal(0.15, warmup.LearningRateAt(3), 12);
    }

    [Fact]
    public void OneCycleLR_PastTheLastStep_Throws()
    {
        var cycle = new OneCycleLR(0.1, 10);
        Assert.Equal(cycle.FinalLearningRate, cycle.LearningRateAt(9), 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => cycle.LearningRateAt(10));
    }

    [Fact]
    public void NegativeTime_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialLR(0.1, 0.9).LearningRateAt(-1));

    public static TheoryData<string, Func<object>> Invalid => new()
    {
        { "StepSize", () => new StepLR(0.1, 0) },
        { "Gamma", () => new StepLR(0.1, 2, -0.5) },
        { "BaseLearningRate", () => new ExponentialLR(0, 0.9) },
        { "Milestones", () => new MultiStepLR(0.1, [3, 0]) },
        { "TMax", () => new CosineAnnealingLR(0.1, 0) },
        { "EtaMin", () => new CosineAnnealingLR(0.1, 5, -1) },
        { "WarmupLength", () => new LinearWarmup(new ExponentialLR(0.1, 0.9), 0) },
        { "StartFactor", () => new LinearWarmup(new ExponentialLR(0.1, 0.9), 2, 1.5) },
        { "TotalSteps", () => new OneCycleLR(0.1, 1) },
        { "PctStart", () => new OneCycleLR(0.1, 10, pctStart: 1) },
        { "Factor", () => new ReduceLROnPlateau(0.1, new ReduceLROnPlateauOptions(Factor: 1)) },
        { "Patience", () => new ReduceLROnPlateau(0.1, new ReduceLROnPlateauOptions(Patience: -1)) },
        { "MinLearningRate", () => new ReduceLROnPlateau(0.1, new ReduceLROnPlateauOptions(MinLearningRate: double.NaN)) },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidOption_ThrowsArgumentOutOfRange_NamingTheOption(string option, Func<object> build)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(build);
        Assert.Equal(option, ex.ParamName);
    }

    [Fact]
    public void ReduceLROnPlateau_StateRoundTrip_ContinuesIdentically()
    {
        var options = new ReduceLROnPlateauOptions(Factor: 0.5, Patience: 1, Cooldown: 2);
        double[] metrics = [3, 2, 2, 2, 2, 2, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5];
        var uninterrupted = new ReduceLROnPlateau(1, options);
        var first = new ReduceLROnPlateau(1, options);
        var lrs = metrics.Select(uninterrupted.Report).ToArray();
        for (int i = 0; i < 5; i++) first.Report(metrics[i]);
        var resumed = new ReduceLROnPlateau(1, options);
        resumed.ImportState(first.ExportState());
        var fresh = new ReduceLROnPlateau(1, options);
        for (int i = 5; i < metrics.Length; i++)
        {
            Assert.Equal(lrs[i], resumed.Report(metrics[i]));
            fresh.Report(metrics[i]);
        }
        Assert.NotEqual(uninterrupted.LearningRate, fresh.LearningRate); // the imported history mattered
        Assert.Equal(metrics.Length, resumed.ExportState().Epochs);
    }

    [Fact]
    public void ReduceLROnPlateau_ImportRejectsNegativeCounters() =>
        Assert.Throws<OptimizerStateException>(() =>
            new ReduceLROnPlateau(0.1).ImportState(new PlateauState(0.1, 1, -1, 0, 3)));

    [Fact]
    public void ReduceLROnPlateau_ReportWithOptimizer_SetsItsLearningRate()
    {
        var sgd = new Sgd([new Parameter([1f], 1)], new SgdOptions(0.1f));
        var plateau = new ReduceLROnPlateau(0.1, new ReduceLROnPlateauOptions(Patience: 0));
        plateau.Report(1.0, sgd);
        plateau.Report(1.0, sgd);
        Assert.Equal(0.01f, sgd.LearningRate);
    }
}
