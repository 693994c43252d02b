using Dendrite.Autograd;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Tests.Autograd;

public class EngineTests
{
    private static Tensor Leaf(params float[] values)
    {
        var t = Tensor.FromArray(values);
        t.RequiresGrad = true;
        return t;
    }

    [Fact]
    public void Gradients_AccumulateAcrossBackwardCalls()
    {
        var x = Leaf(1f, 2f);
        (x * 3f).Sum().Backward();
        (x * 3f).Sum().Backward();
        Assert.Equal([6f, 6f], x.Grad!.ToArray());
    }

    [Fact]
    public void ZeroGrad_ClearsTheGradient()
    {
        var x = Leaf(1f, 2f);
        (x * 3f).Sum().Backward();
        x.ZeroGrad();
        Assert.Null(x.Grad);
        (x * 2f).Sum().Backward();
        Assert.Equal([2f, 2f], x.Grad!.ToArray());
    }

    [Fact]
    public void NoGradScope_RecordsNothing_AndScopesNest()
    {
        var x = Leaf(1f, 2f);
        using (AutogradContext.NoGrad())
        {
            using (AutogradContext.NoGrad()) { }
            Assert.False(AutogradContext.IsEnabled);
            var y = (x * x).Exp().Sum();
            Assert.False(y.RequiresGrad);
            Assert.Null(y.GradFn);
        }
        Assert.True(AutogradContext.IsEnabled);
        Assert.NotNull((x * x).GradFn);
    }

    [Fact]
    public void TensorUsedTwice_ReceivesBothContributions()
    {
        var x = Leaf(3f, -2f);
        (x * x).Sum().Backward();
        Assert.Equal([6f, -4f], x.Grad!.ToArray());
    }

    [Fact]
    public void DiamondGraph_SumsBranchGradients()
    {
        // y = exp(x) + x·exp(x)  ⇒  dy/dx = exp(x)(2 + x)
        var x = Leaf(0.5f);
        var e = x.Exp();
        (e + x * e).Sum().Backward();
        Assert.Equal(MathF.Exp(0.5f) * 2.5f, x.Grad!.Item(), 1e-5f);
    }

    [Fact]
    public void Backward_OnNonScalar_Throws()
    {
        var y = Leaf(1f, 2f) * 2f;
        var ex = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("[2]", ex.Message);
    }

    [Fact]
    public void Backward_WithoutRequiresGrad_Throws() =>
        Assert.Throws<InvalidOperationException>(() => Tensor.Scalar(1f).Backward());

    [Fact]
    public void Detach_CutsTheGraph()
    {
        var x = Leaf(2f);
        var y = x.Detach() * x;
        y.Sum().Backward();
        Assert.Equal(2f, x.Grad!.Item()); // only the non-detached factor contributes
    }

    [Fact]
    public void ConstantInputs_GetNoGradient()
    {
        var x = Leaf(1f, 2f);
        var c = Tensor.Randn(new Rng(1), [2]);
        (x * c).Sum().Backward();
        Assert.Null(c.Grad);
        Assert.Equal(c.ToArray(), x.Grad!.ToArray());
    }

    [Fact]
    public void LongChain_DoesNotOverflowTheStack()
    {
        var x = Leaf(1f);
        Tensor y = x;
        for (int i = 0; i < 20_000; i++) y = y + 0f;
        y.Sum().Backward();
        Assert.Equal(1f, x.Grad!.Item());
    }
}
