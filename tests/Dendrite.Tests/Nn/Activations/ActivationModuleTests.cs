using Dendrite.Nn;
using Dendrite.Nn.Functional;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Nn.Activations;

/// <summary>The modules are thin wrappers: same numbers as F, parameters and shapes as documented.</summary>
public class ActivationModuleTests
{
    public static TheoryData<string, Module, Func<Tensor, Tensor>> Pairs => new()
    {
        { "LeakyReLU(negative_slope=0.2)", new LeakyReLU(0.2f), x => F.LeakyRelu(x, 0.2f) },
        { "ELU(alpha=0.5)", new ELU(0.5f), x => F.Elu(x, 0.5f) },
        { "SELU()", new SELU(), F.Selu },
        { "CELU(alpha=2)", new CELU(2f), x => F.Celu(x, 2f) },
        { "GELU(approximate='none')", new GELU(), x => F.Gelu(x) },
        { "GELU(approximate='tanh')", new GELU(GeluApproximation.Tanh), x => F.Gelu(x, GeluApproximation.Tanh) },
        { "SiLU()", new SiLU(), F.Silu },
        { "Mish()", new Mish(), F.Mish },
        { "Softplus(beta=2, threshold=5)", new Softplus(2f, 5f), x => F.Softplus(x, 2f, 5f) },
        { "Softsign()", new Softsign(), F.Softsign },
        { "Hardtanh(min_val=-2, max_val=0.5)", new Hardtanh(-2f, 0.5f), x => F.Hardtanh(x, -2f, 0.5f) },
        { "HardSigmoid()", new HardSigmoid(), F.HardSigmoid },
        { "ReLU6()", new ReLU6(), F.Relu6 },
        { "GLU()", new GLU(), F.Glu },
        { "SwiGLU()", new SwiGLU(), F.SwiGlu },
        { "GeGLU(approximate='tanh')", new GeGLU(GeluApproximation.Tanh), x => F.GeGlu(x, GeluApproximation.Tanh) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Module_ForwardEqualsFunctional_AndDescribesItself(string description, Module module, Func<Tensor, Tensor> f)
    {
        var x = Tensor.Randn(new Rng(7), [3, 8]).Mul(3f);
        Assert.Equal(f(x).ToArray(), module.Forward(x).ToArray());
        Assert.Equal(description, module.ToString());
        Assert.Equal(0, module.ParameterCount);
        Assert.Equal(module.Forward(x).ShapeArray, module.OutputShape([3, 8]));
    }

    [Fact]
    public void GatedModules_HalveTheWidth_AndRejectOddWidths()
    {
        foreach (Module m in new Module[] { new GLU(), new SwiGLU(), new GeGLU() })
        {
            Assert.Equal([5, 2, 16], m.OutputShape([5, 2, 32]));
            Assert.Throws<ShapeMismatchException>(() => m.OutputShape([5, 33]));
        }
    }

    [Fact]
    public void GatedModule_AfterLinearOfDoubleWidth_GivesTheWantedWidth()
    {
        var model = new Sequential(new Linear(4, 2 * 3, new Rng(1)), new SwiGLU(), new Linear(3, 2, new Rng(2)));
        Assert.Equal([7, 2], model.Forward(Tensor.Randn(new Rng(3), [7, 4])).ShapeArray);
        Assert.Equal([7, 2], model.OutputShape([7, 4]));
    }

    [Fact]
    public void PReLU_HasOneLearnableSlopePerChannel_StartingAtQuarter()
    {
        var m = new PReLU(3);
        Assert.Equal(3, m.ParameterCount);
        Assert.Equal([0.25f, 0.25f, 0.25f], m.Weight.ToArray());
        Assert.Equal("weight", Assert.Single(m.NamedParameters()).Name);
        Assert.Equal("PReLU(num_parameters=3)", m.ToString());
        Assert.Equal([2, 3, 5], m.OutputShape([2, 3, 5]));
        Assert.Throws<ShapeMismatchException>(() => m.OutputShape([2, 4]));
        Assert.Equal(1, new PReLU().ParameterCount);
    }

    [Fact]
    public void PReLU_Module_GradientReachesTheSlopes()
    {
        var m = new PReLU(2);
        var x = GradCheck.RandomInput(new Rng(4), [3, 2], minAbs: 0.1f);
        GradCheck.Check(p => F.Prelu(p[0], p[1]), [x, m.Weight]);
        m.ZeroGrad();
        m.Forward(Tensor.FromArray([-1f, -2f, 1f, 1f], 2, 2)).Sum().Backward();
        Assert.Equal([-1f, -2f], m.Weight.Grad!.ToArray());
    }

    [Fact]
    public void Constructors_RejectInvalidParameters()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CELU(0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Softplus(-1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Hardtanh(2f, -2f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PReLU(0));
    }

    [Fact]
    public void DefaultParameters_MatchPyTorch()
    {
        Assert.Equal(0.01f, new LeakyReLU().NegativeSlope);
        Assert.Equal(1f, new ELU().Alpha);
        Assert.Equal(1f, new CELU().Alpha);
        Assert.Equal((1f, 20f), (new Softplus().Beta, new Softplus().Threshold));
        Assert.Equal((-1f, 1f), (new Hardtanh().Min, new Hardtanh().Max));
        Assert.Equal(GeluApproximation.None, new GELU().Approximation);
    }
}
