using Dendrite.Nn;
using Dendrite.Tensors;

namespace Dendrite.Tests.Nn;

public class FlattenAndActivationTests
{
    [Fact]
    public void Flatten_KeepsBatch_AndMergesTheRest()
    {
        var x = Tensor.Arange(24).Reshape(2, 3, 4);
        var y = new Flatten().Forward(x);
        Assert.Equal([2, 12], y.ShapeArray);
        Assert.Equal(x.ToArray(), y.ToArray());
        Assert.Equal([2, 12], new Flatten().OutputShape([2, 3, 4]));
    }

    [Fact]
    public void Activations_HaveNoParameters_AndKeepShape()
    {
        foreach (Module m in new Module[] { new ReLU(), new Sigmoid(), new Tanh() })
        {
            Assert.Equal(0, m.ParameterCount);
            Assert.Equal([5, 7], m.OutputShape([5, 7]));
        }
        Assert.Equal("ReLU()", new ReLU().ToString());
    }

    // Needs the activation ops (ops helper).
    [Fact]
    public void ActivationModules_ApplyTheirFunctions()
    {
        var x = Tensor.FromArray([-2f, 0f, 3f]);
        Assert.Equal(new[] { 0f, 0f, 3f }, new ReLU().Forward(x).ToArray());
        float[] s = new Sigmoid().Forward(x).ToArray();
        Assert.Equal(1 / (1 + Math.Exp(2)), s[0], 5);
        Assert.Equal(0.5, s[1], 6);
        float[] t = new Tanh().Forward(x).ToArray();
        Assert.Equal(Math.Tanh(3), t[2], 5);
    }
}
