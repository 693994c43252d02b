using System.Runtime.Intrinsics;
using Dendrite.Kernels.Activations;

namespace Dendrite.Kernels.Tests.Activations;

public class ErfTests
{
    // Python 3.11 math.erf.
    public static TheoryData<double, double> KnownErf() => new()
    {
        { 1e-05, 1.1283791670579e-05 }, { 0.1, 0.1124629160182849 }, { 0.5, 0.5204998778130465 },
        { 0.9, 0.7969082124228322 }, { 0.999, 0.8422852702064969 }, { 1.0, 0.8427007929497149 },
        { 1.5, 0.9661051464753108 }, { 2.0, 0.9953222650189527 }, { 2.5, 0.999593047982555 },
        { 3.0, 0.9999779095030014 }, { 3.5, 0.9999992569016276 }, { 4.0, 0.9999999845827421 },
    };

    [Theory]
    [MemberData(nameof(KnownErf))]
    public void Float64Reference_MatchesPythonMathErf(double x, double expected)
    {
        Assert.Equal(expected, ReferenceMath.Erf(x), 1e-15);
        Assert.Equal(-expected, ReferenceMath.Erf(-x), 1e-15);
    }

    [Theory]
    [InlineData(-10.0, 7.619853024160593e-24)]
    [InlineData(-6.0, 9.865876450377012e-10)]
    [InlineData(-3.0, 0.0013498980316300957)]
    [InlineData(0.5, 0.6914624612740131)]
    [InlineData(2.0, 0.9772498680518208)]
    public void Float64NormalCdf_MatchesPython_InTheTails(double z, double expected) =>
        Assert.True(Math.Abs(ReferenceMath.NormalCdf(z) / expected - 1) < 1e-13, $"Φ({z}) = {ReferenceMath.NormalCdf(z)}");

    [Fact]
    public void Erf_IsWithin1_5e7Absolute_OfFloat64_AcrossTheRange()
    {
        double worst = 0;
        for (int k = -60000; k <= 60000; k++)
        {
            float x = k * 1e-4f;
            worst = Math.Max(worst, Math.Abs(VectorErf.Erf(x) - ReferenceMath.Erf(x)));
        }
        Assert.True(worst <= 1.5e-7, $"max |error| {worst}");
    }

    [Fact]
    public void NormalCdf_KeepsRelativeAccuracy_InTheLeftTail()
    {
        for (float z = -12.5f; z <= 0f; z += 0.01f) // below −12.9, Φ is subnormal in float and loses digits anyway
        {
            double expected = ReferenceMath.NormalCdf(z);
            float got = VectorErf.NormalCdf(z, out float pdf);
            Assert.True(Math.Abs(got / expected - 1) < 2e-6, $"Φ({z}) = {got}, expected {expected}");
            Assert.True(Math.Abs(pdf / ReferenceMath.NormalPdf(z) - 1) < 2e-6, $"φ({z}) = {pdf}");
        }
    }

    [Fact]
    public void EveryVectorWidth_MatchesFloat64_LaneByLane()
    {
        var rng = new Random(3);
        float[] x = new float[16 * 400];
        for (int i = 0; i < x.Length; i++) x[i] = (float)((rng.NextDouble() * 14) - 7);
        for (int i = 0; i < x.Length; i += 16)
        {
            var v = x.AsSpan(i, 16);
            float[] e512 = new float[16], c512 = new float[16], e256 = new float[16], c256 = new float[16], e128 = new float[16], c128 = new float[16];
            VectorErf.Erf(Vector512.Create<float>(v)).CopyTo(e512);
            VectorErf.NormalCdf(Vector512.Create<float>(v), out _).CopyTo(c512);
            for (int h = 0; h < 16; h += 8)
            {
                VectorErf.Erf(Vector256.Create<float>(v.Slice(h, 8))).CopyTo(e256, h);
                VectorErf.NormalCdf(Vector256.Create<float>(v.Slice(h, 8)), out _).CopyTo(c256, h);
            }
            for (int q = 0; q < 16; q += 4)
            {
                VectorErf.Erf(Vector128.Create<float>(v.Slice(q, 4))).CopyTo(e128, q);
                VectorErf.NormalCdf(Vector128.Create<float>(v.Slice(q, 4)), out _).CopyTo(c128, q);
            }
            for (int k = 0; k < 16; k++)
            {
                double erf = ReferenceMath.Erf(v[k]), cdf = ReferenceMath.NormalCdf(v[k]);
                foreach (float got in new[] { e512[k], e256[k], e128[k] })
                    Assert.True(Math.Abs(got - erf) <= 1.5e-7, $"erf({v[k]}) = {got}, expected {erf}");
                foreach (float got in new[] { c512[k], c256[k], c128[k] })
                    Assert.True(Math.Abs(got - cdf) <= 1e-7 + (2e-6 * cdf), $"Φ({v[k]}) = {got}, expected {cdf}");
            }
        }
    }

    [Fact]
    public void Erf_HandlesInfinityAndNaN()
    {
        Assert.Equal(1f, VectorErf.Erf(float.PositiveInfinity));
        Assert.Equal(-1f, VectorErf.Erf(float.NegativeInfinity));
        Assert.True(float.IsNaN(VectorErf.Erf(float.NaN)));
        Assert.Equal(0f, VectorErf.NormalCdf(float.NegativeInfinity, out _));
        Assert.Equal(1f, VectorErf.NormalCdf(float.PositiveInfinity, out _));
    }
}
