using Dendrite.Optim.Schedules;

namespace Dendrite.Tests.Optim.Schedules;

/// <summary>
/// Each schedule against torch 1.13.1: the expected lists are optimizer.param_groups[0]['lr'] read before each of
/// the first epochs (scheduler.step() after each), base lr 0.1, as printed by
/// tests/Dendrite.Tests/Optim/pytorch_reference.py (run once, pasted here).
/// </summary>
public class SchedulePyTorchTests
{
    private static void AssertSchedule(ILearningRateSchedule schedule, double[] expected)
    {
        for (int t = 0; t < expected.Length; t++)
            Assert.True(Math.Abs(schedule.LearningRateAt(t) - expected[t]) <= 1e-12 + 1e-9 * expected[t],
                $"t = {t}: got {schedule.LearningRateAt(t):R}, PyTorch {expected[t]:R}");
    }

    [Fact]
    public void StepLR_MatchesPyTorch() => AssertSchedule(new StepLR(0.1, 3, 0.5),
        [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125]);

    [Fact]
    public void MultiStepLR_MatchesPyTorch() => AssertSchedule(new MultiStepLR(0.1, [5, 2, 9], 0.1),
        [0.1, 0.1, 0.010000000000000002, 0.010000000000000002, 0.010000000000000002, 0.0010000000000000002, 0.0010000000000000002,
         0.0010000000000000002, 0.0010000000000000002, 0.00010000000000000003, 0.00010000000000000003]);

    [Fact]
    public void ExponentialLR_MatchesPyTorch() => AssertSchedule(new ExponentialLR(0.1, 0.9),
        [0.1, 0.09000000000000001, 0.08100000000000002, 0.07290000000000002, 0.06561000000000002, 0.05904900000000002,
         0.05314410000000002, 0.04782969000000002]);

    [Fact]
    public void CosineAnnealingLR_MatchesPyTorch_IncludingPastTMax() => AssertSchedule(new CosineAnnealingLR(0.1, 10, 0.001),
        [0.1, 0.09757729755661011, 0.0905463412215599, 0.07959536998847742, 0.0657963412215599, 0.0505, 0.03520365877844011,
         0.02140463001152259, 0.010453658778440109, 0.0034227024433899004, 0.001, 0.0034227024433899004, 0.01045365877844014,
         0.02140463001152267, 0.035203658778440255]);

    [Fact]
    public void LinearWarmup_MatchesPyTorchSequentialLinearThenCosine() =>
        // SequentialLR([LinearLR(start_factor=0.25, total_iters=4), CosineAnnealingLR(T_max=8)], milestones=[4])
        AssertSchedule(new LinearWarmup(new CosineAnnealingLR(0.1, 8), 4, 0.25),
            [0.025, 0.043750000000000004, 0.06250000000000001, 0.08125000000000002, 0.1, 0.09619397662556434, 0.08535533905932738,
             0.0691341716182545, 0.05, 0.030865828381745515, 0.014644660940672627, 0.0038060233744356634, 0.0]);

    [Fact]
    public void OneCycleLR_MatchesPyTorchDefaults() => AssertSchedule(new OneCycleLR(0.1, 20),
        [0.0040000000000000036, 0.013167184270002533, 0.037167184270002526, 0.06683281572999747, 0.09083281572999748, 0.1,
         0.09874640062350874, 0.09504846320134738, 0.089091617757105, 0.0811745653949763, 0.07169430017913009, 0.06112620219362893,
         0.0500002, 0.03887419780637107, 0.028306099820869922, 0.0188258346050237, 0.010908782242895003, 0.004951936798652629,
         0.0012539993764912555, 4e-07]);

    [Fact]
    public void ReduceLROnPlateau_MinRelativeWithCooldownAndFloor_MatchesPyTorch()
    {
        double[] metrics = [1.0, 0.9, 0.95, 0.91, 0.92, 0.93, 0.89, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9];
        double[] expected = [0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.025, 0.02, 0.02];
        var plateau = new ReduceLROnPlateau(0.1, new ReduceLROnPlateauOptions(Factor: 0.5, Patience: 2, Threshold: 0.01, Cooldown: 1, MinLearningRate: 0.02));
        AssertPlateau(plateau, metrics, expected);
    }

    [Fact]
    public void ReduceLROnPlateau_MaxAbsolute_MatchesPyTorch()
    {
        double[] metrics = [0.5, 0.6, 0.6, 0.6, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7];
        double[] expected = [0.1, 0.1, 0.1, 0.1, 0.010000000000000002, 0.010000000000000002, 0.010000000000000002,
            0.0010000000000000002, 0.0010000000000000002, 0.00010000000000000003];
        var plateau = new ReduceLROnPlateau(0.1, new ReduceLROnPlateauOptions(PlateauMode.Max, 0.1, 1, 0.05, ThresholdMode.Absolute));
        AssertPlateau(plateau, metrics, expected);
    }

    private static void AssertPlateau(ReduceLROnPlateau plateau, double[] metrics, double[] expected)
    {
        for (int e = 0; e < metrics.Length; e++)
        {
            Assert.True(Math.Abs(plateau.LearningRate - expected[e]) <= 1e-15, $"epoch {e}: got {plateau.LearningRate:R}, PyTorch {expected[e]:R}");
            plateau.Report(metrics[e]);
        }
    }
}
