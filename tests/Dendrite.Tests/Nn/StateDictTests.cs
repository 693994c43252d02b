using Dendrite.Nn;
using Dendrite.Nn.Fused;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Tests.Nn;

public class StateDictTests
{
    private static Sequential BnMlp(ulong seed) =>
        new(new Linear(4, 6, new Rng(seed)), new BatchNorm1d(6), new ReLU(), new Linear(6, 3, new Rng(seed + 1)));

    /// <summary>A custom module with named children, as users write them.</summary>
    private sealed class Block : Module
    {
        public Block(Rng rng)
        {
            Fc1 = new Linear(3, 5, rng);
            Norm = new LayerNorm(5);
            Fc2 = new Linear(5, 2, rng, bias: false);
        }

        public Linear Fc1 { get; }

        public LayerNorm Norm { get; }

        public Linear Fc2 { get; }

        public override Tensor Forward(Tensor input) => Fc2.Forward(Norm.Forward(Fc1.Forward(input)).Relu());

        public override IEnumerable<(string Name, Module Module)> NamedChildren() => [("fc1", Fc1), ("norm", Norm), ("fc2", Fc2)];
    }

    private sealed class Net(Rng rng) : Module
    {
        public Block Inner { get; } = new(rng);

        public override Tensor Forward(Tensor input) => Inner.Forward(input);

        public override IEnumerable<(string Name, Module Module)> NamedChildren() => [("block", Inner)];
    }

    [Fact]
    public void StateDict_FollowsPyTorchsOrderAndNames()
    {
        Assert.Equal(
            ["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked", "3.weight", "3.bias"],
            BnMlp(0).StateDict().Keys);
    }

    [Fact]
    public void StateDict_NamesNestedCustomModulesByDottedPath()
    {
        Assert.Equal(["block.fc1.weight", "block.fc1.bias", "block.norm.weight", "block.norm.bias", "block.fc2.weight"],
            new Net(new Rng(0)).StateDict().Keys);
    }

    [Fact]
    public void StateDict_IsACopyThatLaterTrainingDoesNotChange()
    {
        var model = BnMlp(0);
        var state = model.StateDict();
        float before = state["0.weight"].Data[0];
        ((Linear)model[0]).Weight.Data[0] += 1f;
        Assert.Equal(before, state["0.weight"].Data[0]);
        Assert.Equal([], state["1.num_batches_tracked"].Shape.ToArray());
    }

    [Fact]
    public void LoadStateDict_MakesAnotherModelComputeBitIdenticalOutputs()
    {
        var source = BnMlp(1);
        source.Train();
        source.Forward(Tensor.Randn(new Rng(9), [8, 4])); // moves the running statistics and the counter
        var target = BnMlp(2);
        var result = target.LoadStateDict(source.StateDict());
        Assert.True(result.IsExact);
        var x = Tensor.Randn(new Rng(3), [5, 4]);
        Assert.Equal(source.Predict(x).Data, target.Predict(x).Data);
        Assert.Equal(1f, ((BatchNorm1d)target[1]).NumBatchesTracked.Item());
    }

    [Fact]
    public void LoadStateDict_Strict_NamesMissingUnexpectedAndMisShapedKeys_AndCopiesNothing()
    {
        var model = BnMlp(0);
        var before = model.StateDict();
        var state = BnMlp(5).StateDict();
        state.Remove("3.bias");
        state.Add("4.weight", Tensor.Zeros(2));
        state["0.weight"] = Tensor.Zeros(4, 6);
        var e = Assert.Throws<StateDictException>(() => model.LoadStateDict(state));
        Assert.Contains("missing keys 3.bias", e.Message, StringComparison.Ordinal);
        Assert.Contains("unexpected keys 4.weight", e.Message, StringComparison.Ordinal);
        Assert.Contains("0.weight has shape [4, 6], the model needs [6, 4]", e.Message, StringComparison.Ordinal);
        foreach (var (name, tensor) in model.StateDict()) Assert.Equal(before[name].Data, tensor.Data);
    }

    [Fact]
    public void LoadStateDict_NotStrict_ReportsMissingAndUnexpected_ButStillRefusesWrongShapes()
    {
        var model = BnMlp(0);
        var state = BnMlp(5).StateDict();
        state.Remove("3.bias");
        state.Add("extra", Tensor.Zeros(1));
        var result = model.LoadStateDict(state, strict: false);
        Assert.Equal(["3.bias"], result.MissingKeys);
        Assert.Equal(["extra"], result.UnexpectedKeys);
        Assert.Equal(state["0.weight"].Data, ((Linear)model[0]).Weight.Data);
        state["0.bias"] = Tensor.Zeros(7);
        Assert.Throws<StateDictException>(() => model.LoadStateDict(state, strict: false));
    }

    [Fact]
    public void LoadStateDict_ListsAtMostFourNamesPerKind()
    {
        var e = Assert.Throws<StateDictException>(() => BnMlp(0).LoadStateDict(new Dictionary<string, Tensor>()));
        Assert.Contains("and 5 more", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BatchNorm_CountsTrainingForwards_OnAutogradAndFusedPaths_NotEvaluation()
    {
        var model = BnMlp(0);
        var bn = (BatchNorm1d)model[1];
        var x = Tensor.Randn(new Rng(1), [8, 4]);
        model.Train();
        model.Forward(x);
        model.Forward(x);
        model.Eval();
        model.Forward(x);
        Assert.Equal(2f, bn.NumBatchesTracked.Item());
        var plan = FusedMlp.TryCompile(model)!;
        model.Train();
        plan.TrainStep(x.Data, [0, 1, 2, 0, 1, 2, 0, 1], 8);
        Assert.Equal(3f, bn.NumBatchesTracked.Item());
    }
}
