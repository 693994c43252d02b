using Dendrite.Init;
using Dendrite.Nn;
using Dendrite.Random;

namespace Dendrite.Tests.Init;

public class LinearInitSchemesTests
{
    [Theory]
    [InlineData("default")]
    [InlineData("normal:0.01")]
    [InlineData("uniform:0.5")]
    [InlineData("xavier_uniform")]
    [InlineData("xavier_normal")]
    [InlineData("xavier_normal:1.5")]
    [InlineData("kaiming_uniform")]
    [InlineData("kaiming_normal")]
    [InlineData("orthogonal")]
    [InlineData("orthogonal:2")]
    public void Parse_ReadsEveryScheme_AndToStringParsesBack(string text)
    {
        var scheme = LinearInit.Parse(text);
        Assert.Equal(text, scheme.ToString());
        Assert.Equal(scheme, LinearInit.Parse(scheme.ToString()!));
    }

    [Fact]
    public void Parse_IsCaseInsensitive_AndReadsBareNormalAsD2lsStd()
    {
        Assert.Equal(LinearInit.Xavier(uniform: true), LinearInit.Parse(" Xavier_Uniform "));
        Assert.Equal(LinearInit.Normal(0.01f), LinearInit.Parse("normal"));
        Assert.Equal(LinearInit.Kaiming(uniform: false), LinearInit.Parse("kaiming_normal"));
    }

    [Theory]
    [InlineData("he")]
    [InlineData("")]
    [InlineData("normal:abc")]
    [InlineData("normal:-1")]
    [InlineData("uniform")]
    [InlineData("default:3")]
    [InlineData("kaiming_uniform:2")]
    public void Parse_RejectsUnknownOrMalformedSchemes(string text)
    {
        var ex = Assert.Throws<InitSchemeException>(() => LinearInit.Parse(text));
        Assert.Contains(text, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xavier_uniform")]
    [InlineData("xavier_normal")]
    [InlineData("kaiming_uniform")]
    [InlineData("kaiming_normal")]
    [InlineData("orthogonal")]
    [InlineData("uniform:0.1")]
    public void Schemes_ZeroBiases_AndRedrawWeights_OfEveryLinear(string text)
    {
        var rng = new Rng(0);
        var model = new Sequential(new Linear(30, 20, rng), new ReLU(), new Linear(20, 10, rng));
        LinearInit.Parse(text).ApplyTo(model, new Rng(1));
        foreach (var layer in model.Modules().OfType<Linear>())
        {
            Assert.All(layer.Bias!.Data, v => Assert.Equal(0f, v));
            Assert.True(layer.Weight.Data.Distinct().Count() > layer.Weight.Size / 2);
        }
    }

    [Fact]
    public void KaimingScheme_OnAWideMlp_HasHesVariance_AndIsDeterministicBySeed()
    {
        var a = new Linear(400, 300, new Rng(0));
        var b = new Linear(400, 300, new Rng(9));
        LinearInit.Parse("kaiming_normal").ApplyTo(a, new Rng(2));
        LinearInit.Parse("kaiming_normal").ApplyTo(b, new Rng(2));
        Assert.Equal(a.Weight.Data, b.Weight.Data);
        double var = a.Weight.Data.Average(v => (double)v * v);
        Assert.InRange(var, 2.0 / 400 * 0.97, 2.0 / 400 * 1.03);
    }

    [Fact]
    public void DefaultScheme_KeepsNonZeroBiases()
    {
        var layer = new Linear(8, 4, new Rng(0));
        LinearInit.Parse("default").ApplyTo(layer, new Rng(3));
        Assert.Contains(layer.Bias!.Data, v => v != 0f);
    }
}
