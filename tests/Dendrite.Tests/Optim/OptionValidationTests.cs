using Dendrite.Optim;
using Dendrite.Tensors;

namespace Dendrite.Tests.Optim;

public class OptionValidationTests
{
    private static Parameter[] Ps => [new([1f], 1)];

    public static TheoryData<string, Func<object>> Invalid => new()
    {
        { "Momentum", () => new Sgd(Ps, new SgdOptions(0.1f, Momentum: 1f)) },
        { "Dampening", () => new Sgd(Ps, new SgdOptions(0.1f, Momentum: 0.5f, Dampening: -0.1f)) },
        { "Nesterov", () => new Sgd(Ps, new SgdOptions(0.1f, Nesterov: true)) },
        { "Nesterov", () => new Sgd(Ps, new SgdOptions(0.1f, Momentum: 0.9f, Dampening: 0.1f, Nesterov: true)) },
        { "LearningRate", () => new Adam(Ps, new AdamOptions(-1f)) },
        { "Beta1", () => new Adam(Ps, new AdamOptions(Beta1: 1f)) },
        { "Beta2", () => new AdamW(Ps, new AdamWOptions(Beta2: -0.5f)) },
        { "Epsilon", () => new Adam(Ps, new AdamOptions(Epsilon: 0f)) },
        { "WeightDecay", () => new AdamW(Ps, new AdamWOptions(WeightDecay: float.NaN)) },
        { "Alpha", () => new RmsProp(Ps, new RmsPropOptions(Alpha: 1.5f)) },
        { "Momentum", () => new RmsProp(Ps, new RmsPropOptions(Momentum: -0.1f)) },
        { "LearningRateDecay", () => new Adagrad(Ps, new AdagradOptions(LearningRateDecay: -1f)) },
        { "InitialAccumulatorValue", () => new Adagrad(Ps, new AdagradOptions(InitialAccumulatorValue: -1f)) },
        { "Rho", () => new Adadelta(Ps, new AdadeltaOptions(Rho: 1f)) },
        { "LearningRate", () => new Adadelta(Ps, new AdadeltaOptions(0f)) },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidOption_ThrowsArgumentOutOfRange_NamingTheOption(string option, Func<object> build)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(build);
        Assert.Equal(option, ex.ParamName);
        Assert.StartsWith(option + " ", ex.Message);
    }

    [Fact]
    public void Defaults_MatchPyTorch()
    {
        Assert.Equal(new AdamOptions(1e-3f, 0.9f, 0.999f, 1e-8f, 0f, false), new AdamOptions());
        Assert.Equal(0.01f, new AdamWOptions().WeightDecay);
        Assert.Equal(new RmsPropOptions(1e-2f, 0.99f, 1e-8f, 0f, 0f, false), new RmsPropOptions());
        Assert.Equal(new AdagradOptions(1e-2f, 0f, 0f, 0f, 1e-10f), new AdagradOptions());
        Assert.Equal(new AdadeltaOptions(1f, 0.9f, 1e-6f, 0f), new AdadeltaOptions());
        Assert.Equal(new SgdOptions(0.1f, 0f, 0f, 0f, false), new SgdOptions(0.1f));
    }
}
