using Dendrite.Nn;
using Dendrite.Nn.Functional;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Nn;

public class DropoutTests
{
    [Fact]
    public void Dropout_GradientMatchesFiniteDifferences_WithAFixedMask()
    {
        var rng = new Rng(7);
        RngState start = rng.GetState();
        // Every evaluation restarts the stream, so the analytic and numeric passes see the same mask.
        GradCheck.Check(x =>
        {
            rng.SetState(start);
            return F.Dropout(x, 0.4f, training: true, rng);
        }, GradCheck.RandomInput(new Rng(1), [5, 6]));
    }

    [Fact]
    public void Dropout_InEvalMode_ReturnsTheInputUnchanged()
    {
        var x = Tensor.Randn(new Rng(1), [4, 5]);
        var layer = new Dropout(0.5f, new Rng(2));
        layer.Eval();
        Assert.Same(x, layer.Forward(x));
        Assert.Same(x, F.Dropout(x, 0.9f, training: false, new Rng(3)));
    }

    [Fact]
    public void Dropout_WithPZero_IsIdentityEvenInTraining()
    {
        var x = Tensor.Randn(new Rng(1), [3, 3]);
        var rng = new Rng(4);
        RngState before = rng.GetState();
        Assert.Same(x, F.Dropout(x, 0f, training: true, rng));
        Assert.Equal(before, rng.GetState()); // no draws wasted
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    public void Dropout_RejectsProbabilityOutsideZeroToOne(float p)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(p, new Rng(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => F.Dropout(Tensor.Ones(2), p, training: true, new Rng(0)));
    }

    [Theory]
    [InlineData(0.1f)]
    [InlineData(0.5f)]
    [InlineData(0.8f)]
    public void Dropout_InTraining_KeepsAbout1MinusPOfUnits_AndPreservesTheMean(float p)
    {
        const int n = 200_000;
        var y = F.Dropout(Tensor.Ones(n), p, training: true, new Rng(11));
        int kept = y.Data.Count(v => v != 0f);
        Assert.InRange(kept / (double)n, 1 - p - 0.005, 1 - p + 0.005);
        Assert.All(y.Data, v => Assert.True(v == 0f || Math.Abs(v - 1 / (1 - p)) < 1e-6, $"kept value {v}"));
        double mean = y.Data.Average(v => (double)v);
        Assert.InRange(mean, 0.98, 1.02);
    }

    [Fact]
    public void Dropout_SameRngState_GivesSameMask_AndAdvancingGivesAnother()
    {
        var x = Tensor.Ones(10, 10);
        var a = F.Dropout(x, 0.5f, true, new Rng(5));
        var b = F.Dropout(x, 0.5f, true, new Rng(5));
        Assert.Equal(a.Data, b.Data);
        var rng = new Rng(5);
        F.Dropout(x, 0.5f, true, rng);
        Assert.NotEqual(a.Data, F.Dropout(x, 0.5f, true, rng).Data);
    }

    [Fact]
    public void DropoutModule_RngStateRoundTrips_SoAResumedRunDrawsTheSameMasks()
    {
        var layer = new Dropout(0.3f, new Rng(9));
        var x = Tensor.Ones(8, 8);
        layer.Forward(x);
        RngState saved = layer.GetRngState();
        float[] next = layer.Forward(x).ToArray();

        var resumed = new Dropout(0.3f, new Rng(12345));
        resumed.SetRngState(saved);
        Assert.Equal(next, resumed.Forward(x).Data);
    }

    [Fact]
    public void Dropout_WithARowOffset_GivesThoseRowsTheirMasksInTheWholeBatch()
    {
        // A data-parallel rank holding rows [2, 5) of a 6-row batch sets RowOffset = 2 and must drop what one process does.
        var x = Tensor.Randn(new Rng(1), [6, 7]);
        var whole = new Dropout(0.5f, new Rng(9));
        var shard = new Dropout(0.5f, new Rng(9)) { RowOffset = 2 };
        Tensor all = whole.Forward(x);
        Tensor part = shard.Forward(new Tensor(x.Data.AsSpan(2 * 7, 3 * 7).ToArray(), 3, 7));
        Assert.Equal(all.Data.AsSpan(2 * 7, 3 * 7).ToArray(), part.Data);
        // Offset 0 is the plain counter (unchanged masks), and another offset gives other masks.
        Assert.Equal(all.Data, F.Dropout(x, 0.5f, training: true, new Rng(9), rowOffset: 0).Data);
        Assert.NotEqual(all.Data.AsSpan(0, 3 * 7).ToArray(), part.Data);
        Assert.Throws<ArgumentOutOfRangeException>(() => shard.RowOffset = -1);
    }

    [Fact]
    public void Dropout_HasNoParameters_AndDescribesItself()
    {
        var layer = new Dropout(0.25f, new Rng(0));
        Assert.Empty(layer.Parameters());
        Assert.Equal("Dropout(p=0.25)", layer.ToString());
    }
}
