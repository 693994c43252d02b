using Dendrite.Nn;
using Dendrite.Random;

namespace Dendrite.Tests.Nn;

public class ModuleTests
{
    private static Sequential Mlp(params int[] sizes)
    {
        var rng = new Rng(0);
        var model = new Sequential(new Flatten());
        for (int i = 0; i + 1 < sizes.Length; i++)
        {
            if (i > 0) model.Add(new ReLU());
            model.Add(new Linear(sizes[i], sizes[i + 1], rng));
        }
        return model;
    }

    [Fact]
    public void ParameterCount_Of784_256_10_Is203530()
    {
        Assert.Equal(203_530, Mlp(784, 256, 10).ParameterCount);
    }

    [Fact]
    public void NamedParameters_UseDottedChildIndices()
    {
        var model = Mlp(784, 256, 10);
        var names = model.NamedParameters().Select(p => p.Name).ToArray();
        Assert.Equal(["1.weight", "1.bias", "3.weight", "3.bias"], names);
        var shapes = model.NamedParameters().Select(p => p.Parameter.ShapeString).ToArray();
        Assert.Equal(["[256, 784]", "[256]", "[10, 256]", "[10]"], shapes);
    }

    [Fact]
    public void NamedParameters_NestSequentialNames()
    {
        var rng = new Rng(1);
        var inner = new Sequential(new Linear(3, 4, rng), new Tanh());
        var model = new Sequential(inner, new Linear(4, 2, rng, bias: false));
        Assert.Equal(["0.0.weight", "0.0.bias", "1.weight"], model.NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void Parameters_AreTheSameObjectsAsTheLayers()
    {
        var model = Mlp(5, 3, 2);
        var first = (Linear)model[1];
        Assert.Same(first.Weight, model.Parameters().First());
        Assert.All(model.Parameters(), p => Assert.True(p.RequiresGrad));
    }

    [Fact]
    public void TrainAndEval_PropagateToAllDescendants()
    {
        var rng = new Rng(2);
        var inner = new Sequential(new Linear(3, 4, rng), new Sigmoid());
        var model = new Sequential(new Flatten(), inner, new Linear(4, 2, rng));
        Assert.All(model.Modules(), m => Assert.True(m.IsTraining));
        model.Eval();
        Assert.All(model.Modules(), m => Assert.False(m.IsTraining));
        model.Train();
        Assert.All(model.Modules(), m => Assert.True(m.IsTraining));
    }

    [Fact]
    public void Add_GivesTheNewChildTheContainersMode()
    {
        var model = new Sequential(new Flatten());
        model.Eval();
        var relu = new ReLU();
        model.Add(relu);
        Assert.False(relu.IsTraining);
    }

    [Fact]
    public void ZeroGrad_ClearsEveryParameterGradient()
    {
        var model = Mlp(4, 3, 2);
        foreach (var p in model.Parameters()) p.Grad = p.ZerosLike();
        model.ZeroGrad();
        Assert.All(model.Parameters(), p => Assert.Null(p.Grad));
    }

    [Fact]
    public void OutputShape_ThreadsThroughSequential()
    {
        Assert.Equal([32, 10], Mlp(784, 256, 10).OutputShape([32, 1, 28, 28]));
    }

    [Fact]
    public void OutputShape_RejectsWrongFeatureCount()
    {
        var ex = Assert.Throws<Dendrite.Tensors.ShapeMismatchException>(() => Mlp(784, 10).OutputShape([8, 100]));
        Assert.Contains("[8, 100]", ex.Message);
        Assert.Contains("784", ex.Message);
    }

    [Fact]
    public void Summary_ListsLayersShapesAndCounts()
    {
        string summary = Mlp(784, 256, 10).Summary(1, 784);
        string[] lines = summary.TrimEnd('\n').Split('\n');
        Assert.Contains(lines, l => l.Contains("Linear(in=784, out=256, bias=True)") && l.Contains("[1, 256]") && l.Contains("200,960"));
        Assert.Contains(lines, l => l.Contains("ReLU()") && l.Contains("[1, 256]"));
        Assert.Contains(lines, l => l.Contains("Linear(in=256, out=10, bias=True)") && l.Contains("[1, 10]") && l.Contains("2,570"));
        Assert.Equal("Total params: 203,530", lines[^1]);
    }

    [Fact]
    public void ToString_ShowsShapes()
    {
        Assert.Equal("Linear(in=784, out=256, bias=True)", new Linear(784, 256, new Rng(0)).ToString());
        Assert.Equal("Linear(in=3, out=2, bias=False)", new Linear(3, 2, new Rng(0), bias: false).ToString());
        string s = Mlp(784, 256, 10).ToString();
        Assert.Contains("(1): Linear(in=784, out=256, bias=True)", s);
        Assert.Contains("203,530", s);
    }

    /// <summary>A custom block: its own forward and a parameter of its own, so no shape rule can guess its output.</summary>
    private sealed class Towers : Module
    {
        private readonly Linear _left = new(4, 3, new Rng(1));
        private readonly Sequential _right = new(new Linear(3, 8, new Rng(2)), new ReLU());
        private readonly Dendrite.Tensors.Parameter _scale = new([2f], 1);

        public override Dendrite.Tensors.Tensor Forward(Dendrite.Tensors.Tensor input) => _right.Forward(_left.Forward(input)) * _scale;

        public override IEnumerable<(string Name, Module Module)> NamedChildren() => [("left", _left), ("right", _right)];

        protected override IEnumerable<NamedParameter> LocalParameters() => [new("scale", _scale)];
    }

    [Fact]
    public void Summary_OfACustomModule_ListsItsChildrenAndTheRealOutputShape()
    {
        var model = new Sequential(new Towers(), new Linear(8, 2, new Rng(3)));
        string summary = model.Summary(1, 4);
        Assert.Contains("0.left  Linear(in=4, out=3, bias=True)", summary, StringComparison.Ordinal);
        Assert.Contains("0.right.0  Linear(in=3, out=8, bias=True)", summary, StringComparison.Ordinal);
        Assert.Matches(@"0  Towers\(\)\s+\[1, 8\]\s+1\n", summary);
        Assert.Matches(@"1  Linear\(in=8, out=2, bias=True\)\s+\[1, 2\]\s+18\n", summary);
        Assert.Contains($"Total params: {model.ParameterCount}", summary, StringComparison.Ordinal);
        Assert.Equal([7, 8], new Towers().OutputShape([7, 4]));
    }
}
