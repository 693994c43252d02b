using Dendrite.Nn;
using Dendrite.Nn.Functional;
using Dendrite.Nn.Fused;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Tests.Nn.Fused;

/// <summary>
/// The fused step's other losses, class-weighted cross-entropy and the regression losses, must give the loss and
/// gradients the autograd graph gives, on the plain plan and on the by-parts plan (one hidden layer ≥ 128 units).
/// </summary>
public class FusedMlpLossTests
{
    public static TheoryData<int, int> Shapes() => new() { { 17, 1 }, { 17, 3 }, { 160, 1 }, { 160, 2 } };

    private static Sequential Model(int hidden, int outputs) =>
        new(new Linear(6, hidden, new Rng(1)), new GELU(), new Linear(hidden, outputs, new Rng(2)));

    [Theory]
    [MemberData(nameof(Shapes))]
    public void RegressionLosses_MatchAutograd(int hidden, int outputs)
    {
        foreach (RegressionLoss kind in Enum.GetValues<RegressionLoss>())
        {
            const int Batch = 13;
            var rng = new Rng(5);
            var x = Tensor.Randn(rng, [Batch, 6]);
            var y = Tensor.Randn(rng, [Batch, outputs], std: 2f);
            var model = Model(hidden, outputs);
            Tensor loss = F.RegressionLoss(kind, model.Forward(x), y, delta: 0.7f);
            loss.Backward();
            float[][] expected = [.. model.Parameters().Select(p => p.Grad!.ToArray())];
            model.ZeroGrad();
            FusedStepResult r = FusedMlp.TryCompile(model)!.TrainStep(x.Data, LossTargets.Regression(y.Data, kind, 0.7f), Batch);
            Assert.Equal(loss.Item(), r.LossSum / Batch, 5);
            AssertGradients(expected, model, $"{kind} hidden {hidden} outputs {outputs}");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ClassWeightedCrossEntropy_MatchesAutograd(int hidden, int outputs)
    {
        int classes = outputs + 2;
        const int Batch = 11;
        var rng = new Rng(8);
        var x = Tensor.Randn(rng, [Batch, 6]);
        int[] labels = [.. Enumerable.Range(0, Batch).Select(_ => rng.NextInt(classes))];
        float[] weights = [.. Enumerable.Range(0, classes).Select(c => 0.5f + c)];
        var model = Model(hidden, classes);
        Tensor loss = F.CrossEntropy(model.Forward(x), labels, weight: new Tensor(weights, classes));
        loss.Backward();
        float[][] expected = [.. model.Parameters().Select(p => p.Grad!.ToArray())];
        model.ZeroGrad();
        FusedStepResult r = FusedMlp.TryCompile(model)!.TrainStep(x.Data, LossTargets.Classes(labels, weights), Batch);
        Assert.Equal(loss.Item(), r.LossSum / Batch, 5);
        AssertGradients(expected, model, $"weighted, hidden {hidden}");
    }

    [Fact]
    public void Targets_OfTheWrongSize_AreRefused()
    {
        var plan = FusedMlp.TryCompile(Model(8, 2))!;
        Assert.Throws<ShapeMismatchException>(() => plan.TrainStep(new float[12], LossTargets.Regression(new float[3], RegressionLoss.Mse), 2));
        Assert.Throws<ShapeMismatchException>(() => plan.TrainStep(new float[12], LossTargets.Classes([0, 1], [1f, 2f, 3f]), 2));
    }

    private static void AssertGradients(float[][] expected, Module model, string what)
    {
        float[][] actual = [.. model.Parameters().Select(p => p.Grad!.ToArray())];
        for (int p = 0; p < expected.Length; p++)
            for (int i = 0; i < expected[p].Length; i++)
                Assert.True(Math.Abs(expected[p][i] - actual[p][i]) <= 1e-5f + (1e-4f * Math.Abs(expected[p][i])),
                    $"{what}: parameter {p} element {i}: autograd {expected[p][i]}, fused {actual[p][i]}");
    }
}
