using Dendrite.Plots.Scales;

namespace Dendrite.Plots.Tests.Scales;

public class NiceTicksTests
{
    [Theory]
    [InlineData(0, 1, 6, new[] { 0, 0.2, 0.4, 0.6, 0.8, 1.0 })]
    [InlineData(0, 0.83, 6, new[] { 0, 0.2, 0.4, 0.6, 0.8, 1.0 })]
    [InlineData(-3, 7, 8, new double[] { -4, -2, 0, 2, 4, 6, 8 })]
    [InlineData(-3, 7, 6, new double[] { -5, 0, 5, 10 })]
    [InlineData(0.345, 0.862, 8, new[] { 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9 })]
    [InlineData(1e-5, 3e-5, 6, new[] { 1e-5, 1.5e-5, 2e-5, 2.5e-5, 3e-5 })]
    [InlineData(0, 0, 6, new double[] { -1, -0.5, 0, 0.5, 1 })]
    public void Compute_GivesExpectedNiceTicks(double min, double max, int maxTicks, double[] expected)
    {
        var ticks = NiceTicks.Compute(min, max, maxTicks);
        Assert.Equal(expected, ticks.Values); // exact: ticks are built from integers, so 0.6 is the double 0.6
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 0.83)]
    [InlineData(1e-5, 3e-5)]
    [InlineData(-3, 7)]
    [InlineData(0.5, 0.5)]
    [InlineData(-42, -42)]
    [InlineData(123456, 123457)]
    [InlineData(-1e9, 3e9)]
    [InlineData(0.0001, 1000)]
    [InlineData(0.3, 0.30000001)]
    [InlineData(-0.7, -0.1)]
    public void Compute_CoversRange_WithStepOf1Or2Or5TimesPowerOf10(double min, double max)
    {
        for (int maxTicks = 3; maxTicks <= 10; maxTicks++)
        {
            var t = NiceTicks.Compute(min, max, maxTicks);
            Assert.InRange(t.Values.Count, 2, maxTicks);
            Assert.True(t.Min <= min && t.Max >= max, $"[{t.Min}, {t.Max}] must cover [{min}, {max}]");
            if (min == max) Assert.True(t.Min < min && t.Max > max, "a flat range must be widened around its value");
            double mantissa = t.Step / Math.Pow(10, t.Exponent);
            Assert.Contains(Math.Round(mantissa, 9), new[] { 1.0, 2.0, 5.0 });
            // Differences of large neighbouring doubles carry their rounding error (|v|·2⁻⁵²), hence the tolerance.
            double tolerance = t.Step * 1e-9 + Math.Max(Math.Abs(t.Min), Math.Abs(t.Max)) * 1e-15;
            for (int i = 1; i < t.Values.Count; i++)
                Assert.Equal(t.Step, t.Values[i] - t.Values[i - 1], tolerance);
            Assert.Equal(t.Values.Count, t.Values.Select(t.Format).Distinct().Count()); // labels stay distinguishable
        }
    }

    [Fact]
    public void Compute_WithoutExtend_KeepsTicksInsideRange()
    {
        var t = NiceTicks.Compute(1, 10, 6, extend: false, integerStep: true);
        Assert.Equal(new double[] { 2, 4, 6, 8, 10 }, t.Values);
    }

    [Fact]
    public void Compute_IntegerStep_NeverGoesBelowOne()
    {
        var t = NiceTicks.Compute(1, 3, 10, extend: false, integerStep: true);
        Assert.Equal(new double[] { 1, 2, 3 }, t.Values);
    }

    [Fact]
    public void Compute_SinglePointInsideMode_StillGivesTicks()
    {
        var t = NiceTicks.Compute(4, 4, 6, extend: false, integerStep: true);
        Assert.Contains(4.0, t.Values);
        Assert.True(t.Values.Count >= 2);
    }

    [Theory]
    [InlineData(double.NaN, 1)]
    [InlineData(0, double.PositiveInfinity)]
    public void Compute_FallsBackToUnitRange_ForNonFiniteBounds(double min, double max)
    {
        var t = NiceTicks.Compute(min, max, 6);
        Assert.Equal(0, t.Min);
        Assert.Equal(1, t.Max);
    }

    [Fact]
    public void Format_UsesStepDecimals_InvariantCulture_AndTypographicMinus()
    {
        var t = NiceTicks.Compute(-1, 1, 5);
        Assert.Equal(new[] { "\u22121.0", "\u22120.5", "0.0", "0.5", "1.0" }, t.Values.Select(t.Format));
        var tenths = NiceTicks.Compute(0, 0.9, 10);
        Assert.Equal("0.3", tenths.Format(tenths.Values[3]));
    }

    [Fact]
    public void Format_UsesScientificNotation_ForTinyAndHugeValues()
    {
        var tiny = NiceTicks.Compute(1e-5, 3e-5, 6);
        Assert.Equal(new[] { "1e-5", "1.5e-5", "2e-5", "2.5e-5", "3e-5" }, tiny.Values.Select(tiny.Format));
        var huge = NiceTicks.Compute(0, 4e6, 5);
        Assert.Equal(new[] { "0", "1e6", "2e6", "3e6", "4e6" }, huge.Values.Select(huge.Format));
    }

    [Fact]
    public void LinearScale_MapsDomainEndsToRangeEnds_AndFixedRangeIsExact()
    {
        var s = LinearScale.Create(0.1, 0.9, 300, 20, 6, fixedMin: 0, fixedMax: 1);
        Assert.Equal(300, s.Map(0));
        Assert.Equal(20, s.Map(1));
        Assert.Equal(160, s.Map(0.5), 9);
        Assert.All(s.Ticks.Values, v => Assert.InRange(v, 0, 1));
    }
}
