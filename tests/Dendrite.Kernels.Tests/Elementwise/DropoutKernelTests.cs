using Dendrite.Kernels.Elementwise;

namespace Dendrite.Kernels.Tests.Elementwise;

/// <summary>
/// The counter-based dropout kernel. ./test re-runs these with AVX-512 and AVX2 off, so the Vector512, Vector256,
/// Vector128 and scalar paths are each compared against the scalar definition (<see cref="DropoutKernel.Hash"/>).
/// </summary>
public class DropoutKernelTests
{
    private static float[] Inputs(int n)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (i % 7) - 3.5f;
        return x;
    }

    [Theory]
    [InlineData(0.25f, 0x0123456789ABCDEFUL, 0u)]
    [InlineData(0.5f, 42UL, 1000u)]
    [InlineData(0.9f, ulong.MaxValue, uint.MaxValue - 40)]
    public void EveryLength_MatchesTheScalarDefinition(float p, ulong key, uint offset)
    {
        uint threshold = DropoutKernel.Threshold(p);
        float scale = 1f / (1f - p);
        for (int n = 0; n <= 70; n++)
        {
            float[] x = Inputs(n), mask = new float[n], y = new float[n];
            DropoutKernel.Apply(key, p, x, mask, y, offset);
            for (int i = 0; i < n; i++)
            {
                float expected = DropoutKernel.Hash(key, unchecked(offset + (uint)i)) < threshold ? 0f : scale;
                Assert.Equal(expected, mask[i]);
                Assert.Equal(x[i] * expected, y[i]);
            }
        }
    }

    [Fact]
    public void Slices_WithTheirOffsets_GiveTheWholeBuffersMask_SoAnyThreadSplitAgrees()
    {
        const int n = 1000;
        float[] x = Inputs(n), whole = new float[n], y = new float[n], parts = new float[n], py = new float[n];
        DropoutKernel.Apply(7, 0.3f, x, whole, y);
        int[] cuts = [0, 3, 19, 64, 65, 400, 997, n];
        for (int c = 0; c + 1 < cuts.Length; c++)
        {
            int a = cuts[c], b = cuts[c + 1];
            DropoutKernel.Apply(7, 0.3f, x.AsSpan(a, b - a), parts.AsSpan(a, b - a), py.AsSpan(a, b - a), (uint)a);
        }
        Assert.Equal(whole, parts);
        Assert.Equal(y, py);
    }

    [Fact]
    public void InPlace_OutputMayBeTheInput()
    {
        float[] x = Inputs(37), mask = new float[37], y = new float[37];
        DropoutKernel.Apply(3, 0.5f, x, mask, y);
        DropoutKernel.Apply(3, 0.5f, x, mask, x);
        Assert.Equal(y, x);
    }

    [Theory]
    [InlineData(0.1f)]
    [InlineData(0.25f)]
    [InlineData(0.5f)]
    public void DropsAboutPOfElements_IndependentlyOfTheirNeighboursAndOfNearbyKeys(float p)
    {
        const int n = 200_000;
        float[] x = Inputs(n), a = new float[n], b = new float[n];
        DropoutKernel.Apply(1, p, x, a, x.AsSpan().ToArray());
        DropoutKernel.Apply(2, p, x, b, x.AsSpan().ToArray());
        double dropped = 0, pairs = 0, both = 0;
        for (int i = 0; i < n; i++)
        {
            if (a[i] == 0) dropped++;
            if (i > 0 && a[i] == 0 && a[i - 1] == 0) pairs++;
            if (a[i] == 0 && b[i] == 0) both++;
        }
        // Binomial standard deviations are below 0.0012 here; 5σ bounds.
        Assert.InRange(dropped / n, p - 0.006, p + 0.006);
        Assert.InRange(pairs / (n - 1), (p * p) - 0.006, (p * p) + 0.006);
        Assert.InRange(both / n, (p * p) - 0.006, (p * p) + 0.006);
    }

    [Fact]
    public void ZeroProbability_KeepsEverything_AndOutOfRangeIsRejected()
    {
        float[] x = Inputs(50), mask = new float[50], y = new float[50];
        DropoutKernel.Apply(9, 0f, x, mask, y);
        Assert.All(mask, m => Assert.Equal(1f, m));
        Assert.Equal(x, y);
        Assert.Throws<ArgumentOutOfRangeException>(() => DropoutKernel.Apply(9, 1f, x, mask, y));
        Assert.Throws<ArgumentOutOfRangeException>(() => DropoutKernel.Apply(9, -0.1f, x, mask, y));
        Assert.Throws<ArgumentException>(() => DropoutKernel.Apply(9, 0.5f, x.AsSpan(0, 10), mask, y));
    }
}
