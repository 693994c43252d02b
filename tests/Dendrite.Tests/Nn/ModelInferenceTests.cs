using Dendrite.Nn;
using Dendrite.Nn.Fused;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Tests.Nn;

public class ModelInferenceTests
{
    [Fact]
    public void Predict_MatchesForward_AndRecordsNoGraph()
    {
        var rng = new Rng(2);
        var model = new Sequential(new Flatten(), new Linear(6, 5, rng), new ReLU(), new Linear(5, 3, rng));
        var x = Tensor.Randn(rng, [4, 6]);
        Tensor expected = model.Forward(x);
        Tensor actual = model.Predict(x);
        Assert.False(actual.RequiresGrad);
        Assert.Null(actual.GradFn);
        Assert.Equal([4, 3], actual.ShapeArray);
        for (int i = 0; i < expected.Size; i++) Assert.Equal(expected.Data[i], actual.Data[i], 1e-6f);
    }

    [Fact]
    public void Predict_SeesWeightUpdates_BecauseThePlanSharesTheParameters()
    {
        var rng = new Rng(4);
        var model = new Linear(3, 2, rng);
        var x = Tensor.Ones(1, 3);
        float before = model.Predict(x).Data[0];
        model.Weight.Data[0] += 1f;
        Assert.Equal(before + 1f, model.Predict(x).Data[0], 1e-6f);
    }

    [Fact]
    public void Predict_FallsBackToForward_ForModelsThePlanCannotFuse()
    {
        var rng = new Rng(6);
        var model = new Sequential(new Linear(3, 4, rng), new ReLU()); // ends in an activation: not fusable
        var x = Tensor.Randn(rng, [2, 3]);
        Assert.Equal(model.Forward(x).ToArray(), model.Predict(x).ToArray());
        Assert.Throws<NotSupportedException>(() => model.Predict(x.Data, 2, new float[8]));
    }

    [Fact]
    public void Predict_RejectsTheWrongWidth_WithTheExpectedShape()
    {
        var model = new Linear(3, 2, new Rng(1));
        var ex = Assert.Throws<ShapeMismatchException>(() => model.Predict(Tensor.Ones(2, 4)));
        Assert.Contains("[batch, 3]", ex.Message);
    }
}
