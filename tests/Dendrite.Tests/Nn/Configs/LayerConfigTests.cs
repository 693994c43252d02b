using Dendrite.Nn;
using Dendrite.Nn.Configs;
using Dendrite.Nn.Functional;
using Dendrite.Random;

namespace Dendrite.Tests.Nn.Configs;

public class LayerConfigTests
{
    public static TheoryData<string> Activations() => [.. ActivationRegistry.Names];

    private static Sequential Model(Module activation) => new(new Flatten(), new Linear(6, 8, new Rng(0)), new BatchNorm1d(8),
        activation, new Dropout(0.25f, new Rng(1)), new LayerNorm(activation is GatedActivation ? 4 : 8, 1e-3f),
        new Linear(activation is GatedActivation ? 4 : 8, 3, new Rng(2), bias: false));

    [Theory]
    [MemberData(nameof(Activations))]
    public void EveryRegisteredActivation_RoundTripsThroughJson_AndRebuildsTheSameDescription(string name)
    {
        Module activation = ActivationRegistry.Create(name);
        LayerConfig config = Model(activation).ToConfig()!;
        string json = LayerConfigJson.Write(config);
        LayerConfig read = LayerConfigJson.Read(json, "test");
        Assert.Equal(config, read);
        Assert.Equal(json, LayerConfigJson.Write(read));
        read.Validate(ModelLimits.Default, "test");
        Module rebuilt = read.Build(new Rng(0));
        Assert.Equal(config, rebuilt.ToConfig());
        Assert.Equal(Model(activation).StateDict().Keys, rebuilt.StateDict().Keys);
        Assert.Equal(config.StateShapes().Select(s => s.Name), rebuilt.StateDict().Keys);
    }

    [Fact]
    public void ActivationParameters_AreKeptByName()
    {
        var config = (ActivationConfig)new LeakyReLU(0.2f).ToConfig()!;
        Assert.Equal("leaky_relu", config.Name);
        Assert.Equal(0.2f, config.Parameters["negative_slope"]);
        Assert.Equal(0.2f, ((LeakyReLU)config.Build(new Rng(0))).NegativeSlope);
        Assert.Equal("{\"type\":\"activation\",\"name\":\"hardtanh\",\"max_val\":2,\"min_val\":-0.5}",
            LayerConfigJson.Write(new Hardtanh(-0.5f, 2f).ToConfig()!));
        Assert.Equal(GeluApproximation.Tanh, ((GELU)new ActivationConfig("gelu_tanh").Build(new Rng(0))).Approximation);
        Assert.Equal("silu", ((ActivationConfig)new SiLU().ToConfig()!).Name);
    }

    [Fact]
    public void CustomModules_HaveNoDescription_AndNeitherDoesASequentialHoldingOne()
    {
        Assert.Null(new Custom().ToConfig());
        Assert.Null(new Sequential(new Linear(2, 2, new Rng(0)), new Custom()).ToConfig());
    }

    private sealed class Custom : Module
    {
        public override Dendrite.Tensors.Tensor Forward(Dendrite.Tensors.Tensor input) => input;
    }

    [Theory]
    [InlineData("{\"type\":\"linear\",\"in_features\":0,\"out_features\":3}", "in_features is 0, expected 1 to")]
    [InlineData("{\"type\":\"linear\",\"in_features\":2147483647,\"out_features\":3}", "in_features is 2147483647")]
    [InlineData("{\"type\":\"linear\",\"in_features\":65536,\"out_features\":65536}", "would hold 4,294,967,296 values")]
    [InlineData("{\"type\":\"sequential\",\"layers\":[{\"type\":\"linear\",\"in_features\":4,\"out_features\":3},{\"type\":\"linear\",\"in_features\":4,\"out_features\":3}]}", "layers[1]: in_features is 4 but the previous layer produces 3")]
    [InlineData("{\"type\":\"sequential\",\"layers\":[{\"type\":\"linear\",\"in_features\":4,\"out_features\":3},{\"type\":\"activation\",\"name\":\"swiglu\"}]}", "odd 3 features")]
    [InlineData("{\"type\":\"batchnorm1d\",\"num_features\":4,\"momentum\":2}", "momentum is 2")]
    [InlineData("{\"type\":\"dropout\",\"p\":1}", "p is 1")]
    [InlineData("{\"type\":\"activation\",\"name\":\"hardtanh\",\"min_val\":3,\"max_val\":1}", "hardtanh")]
    [InlineData("{\"type\":\"activation\",\"name\":\"prelu\",\"num_parameters\":1e9}", "num_parameters is 1E+09")]
    [InlineData("{\"type\":\"activation\",\"name\":\"relu\",\"slope\":1}", "has no parameter 'slope'")]
    [InlineData("{\"type\":\"sequential\",\"layers\":[]}", "has no layers")]
    public void Validate_RefusesBadSizesAndSettings_WithoutAllocating(string json, string expected)
    {
        LayerConfig config = LayerConfigJson.Read(json, "f.safetensors");
        var e = Assert.Throws<ModelConfigException>(() => config.Validate(ModelLimits.Default, "f.safetensors: architecture"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("f.safetensors: architecture", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BoundsTheWholeModel()
    {
        var config = new SequentialConfig(Enumerable.Range(0, 9).Select(_ => (LayerConfig)new LinearConfig(16384, 16384)));
        var e = Assert.Throws<ModelConfigException>(() => config.Validate(ModelLimits.Default, "m"));
        Assert.Contains("more than the limit", e.Message, StringComparison.Ordinal);
        var many = new SequentialConfig(Enumerable.Range(0, 5000).Select(_ => (LayerConfig)new FlattenConfig()));
        Assert.Contains("more than 4096 layers", Assert.Throws<ModelConfigException>(() => many.Validate(ModelLimits.Default, "m")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1,2]", "expected a layer object")]
    [InlineData("{\"type\":\"conv2d\"}", "unknown layer type 'conv2d'")]
    [InlineData("{\"type\":\"linear\",\"in_features\":4,\"out_features\":3,\"colour\":1}", "unknown key 'colour'")]
    [InlineData("{\"type\":\"linear\",\"in_features\":4.5,\"out_features\":3}", "'in_features' must be an integer")]
    [InlineData("{\"type\":\"linear\",\"in_features\":99999999999,\"out_features\":3}", "'in_features' must be an integer")]
    [InlineData("{\"type\":\"dropout\"}", "'p' is required")]
    [InlineData("{\"type\":\"sequential\",\"layers\":{}}", "'layers' must be an array")]
    [InlineData("{\"type\":", "not valid JSON")]
    public void Read_RefusesMalformedDescriptions_NamingTheSpot(string json, string expected)
    {
        var e = Assert.Throws<ModelConfigException>(() => LayerConfigJson.Read(json, "f.safetensors"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("f.safetensors", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesDeepNesting()
    {
        string json = string.Concat(Enumerable.Repeat("{\"type\":\"sequential\",\"layers\":[", 34)) + "{\"type\":\"flatten\"}"
            + string.Concat(Enumerable.Repeat("]}", 34));
        var e = Assert.Throws<ModelConfigException>(() => LayerConfigJson.Read(json, "f"));
        Assert.Contains("nested deeper", e.Message, StringComparison.Ordinal);
    }
}
