using Dendrite.Kernels.Threading;
using Dendrite.Nn;
using Dendrite.Nn.Functional;
using Dendrite.Nn.Fused;
using Dendrite.Optim;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Nn.Fused;

/// <summary>The fused plan must compute exactly what the autograd graph computes, only faster.</summary>
[Collection(nameof(KernelThreadsUsers))]
public class FusedMlpTests
{
    private static Sequential Mlp(Rng rng, Module activation, bool bias = true, params int[] widths)
    {
        var layers = new List<Module> { new Flatten() };
        for (int i = 0; i + 1 < widths.Length; i++)
        {
            layers.Add(new Linear(widths[i], widths[i + 1], rng, bias));
            if (i + 2 < widths.Length) layers.Add(activation);
        }
        return new Sequential([.. layers]);
    }

    private static (Tensor X, int[] Labels) Batch(Rng rng, int batch, int inputs, int classes)
    {
        var x = Tensor.Randn(rng, [batch, inputs]);
        var labels = new int[batch];
        for (int i = 0; i < batch; i++) labels[i] = rng.NextInt(classes);
        return (x, labels);
    }

    public static TheoryData<string, int, bool> Cases() => new()
    {
        { "relu", 1, true }, { "relu", 7, true }, { "relu", 33, false }, { "sigmoid", 16, true },
        { "tanh", 5, true }, { "tanh", 64, false }, { "relu", 256, true },
    };

    private static Module Activation(string name) => name switch
    {
        "relu" => new ReLU(),
        "sigmoid" => new Sigmoid(),
        _ => new Tanh(),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TrainStep_MatchesAutogradLossAndGradients(string activation, int batch, bool bias)
    {
        var rng = new Rng(42);
        var model = Mlp(rng, Activation(activation), bias, 20, 17, 9, 5);
        var (x, labels) = Batch(rng, batch, 20, 5);

        var loss = F.CrossEntropy(model.Forward(x), labels);
        loss.Backward();
        var expected = model.Parameters().Select(p => p.Grad!.ToArray()).ToArray();
        model.ZeroGrad();

        var plan = FusedMlp.TryCompile(model)!;
        Assert.NotNull(plan);
        FusedStepResult r = plan.TrainStep(x.Data, labels, batch);

        Assert.Equal(loss.Item(), r.LossSum / batch, 4);
        var actual = model.Parameters().Select(p => p.Grad!.ToArray()).ToArray();
        for (int p = 0; p < expected.Length; p++)
            for (int i = 0; i < expected[p].Length; i++)
                Assert.True(Math.Abs(expected[p][i] - actual[p][i]) <= 1e-5f + 1e-4f * Math.Abs(expected[p][i]),
                    $"parameter {p} element {i}: autograd {expected[p][i]}, fused {actual[p][i]}");
    }

    [Fact]
    public void TrainStep_CountsCorrectPredictions_AsArgmaxOfTheForward()
    {
        var rng = new Rng(1);
        var model = Mlp(rng, new ReLU(), true, 12, 8, 4);
        var (x, labels) = Batch(rng, 50, 12, 4);
        int[] predicted = model.Forward(x).ArgMax(1);
        int expected = predicted.Zip(labels).Count(p => p.First == p.Second);
        Assert.Equal(expected, FusedMlp.TryCompile(model)!.TrainStep(x.Data, labels, 50).Correct);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(100)]
    public void Predict_MatchesForward(int batch)
    {
        var rng = new Rng(7);
        var model = Mlp(rng, new Tanh(), true, 30, 25, 10);
        var x = Tensor.Randn(rng, [batch, 30]);
        float[] expected = model.Forward(x).ToArray();
        var logits = new float[batch * 10];
        FusedMlp.TryCompile(model)!.Predict(x.Data, batch, logits);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], logits[i], 1e-5f); // the fused tanh is a vector approximation (~1e-7)
    }

    [Fact]
    public void TryCompile_RejectsModelsItCannotFuse()
    {
        var rng = new Rng(3);
        Assert.Null(FusedMlp.TryCompile(new Sequential(new Linear(4, 3, rng), new ReLU())));           // ends in an activation
        Assert.Null(FusedMlp.TryCompile(new Sequential(new Linear(4, 3, rng), new Linear(5, 2, rng)))); // widths do not chain
        Assert.Null(FusedMlp.TryCompile(new Sequential(new ReLU(), new Linear(4, 3, rng))));            // leading activation
        Assert.NotNull(FusedMlp.TryCompile(new Linear(4, 3, rng)));                                     // softmax regression
    }

    [Fact]
    public void Predict_RejectsAnInputOfTheWrongWidth()
    {
        var plan = FusedMlp.TryCompile(new Linear(4, 3, new Rng(1)))!;
        var ex = Assert.Throws<ShapeMismatchException>(() => plan.Predict(new float[7], 2, new float[6]));
        Assert.Contains("2 × 4", ex.Message);
    }

    [Fact]
    public void SteadyStateTrainingStep_AllocatesNothing()
    {
        var rng = new Rng(5);
        var model = Mlp(rng, new ReLU(), true, 784, 256, 10);
        var opt = new Sgd(model.Parameters(), new SgdOptions(0.1f, WeightDecay: 1e-4f));
        var (x, labels) = Batch(rng, 256, 784, 10);
        var plan = FusedMlp.TryCompile(model)!;
        Assert.Equal(0, Allocations.SteadyState(() => { plan.TrainStep(x.Data, labels, 256); opt.Step(); }));
    }

    [Fact]
    public void Training_IsBitIdentical_ForOneAndTwoThreads()
    {
        float[][] Run(int threads) => WithKernelThreads.Run(threads, () =>
        {
            var rng = new Rng(11);
            var model = Mlp(rng, new ReLU(), true, 784, 256, 10);
            var opt = new Sgd(model.Parameters(), new SgdOptions(0.1f));
            var plan = FusedMlp.TryCompile(model)!;
            for (int step = 0; step < 5; step++)
            {
                var (x, labels) = Batch(rng, 256, 784, 10);
                plan.TrainStep(x.Data, labels, 256);
                opt.Step();
            }
            return model.Parameters().Select(p => p.ToArray()).ToArray();
        });

        float[][] one = Run(1), two = Run(2);
        for (int p = 0; p < one.Length; p++)
            Assert.True(one[p].AsSpan().SequenceEqual(two[p]), $"parameter {p} differs between 1 and 2 threads");
    }

    private static Sequential DropoutMlp(ulong seed) =>
        new(new Flatten(), new Linear(20, 16, new Rng(seed)), new ReLU(), new Dropout(0.3f, new Rng(seed + 1)),
            new Linear(16, 12, new Rng(seed + 2)), new Tanh(), new Dropout(0.5f, new Rng(seed + 3)), new Linear(12, 4, new Rng(seed + 4)));

    [Fact]
    public void TrainStep_WithDropout_MatchesAutograd_BecauseItDrawsTheSameMasks()
    {
        Sequential graph = DropoutMlp(9), fused = DropoutMlp(9);
        var (x, labels) = Batch(new Rng(10), 13, 20, 4);
        for (int step = 0; step < 2; step++) // the second step checks that both consumed the stream alike
        {
            graph.ZeroGrad();
            var loss = F.CrossEntropy(graph.Forward(x), labels);
            loss.Backward();
            FusedStepResult r = FusedMlp.TryCompile(fused)!.TrainStep(x.Data, labels, 13);
            Assert.Equal(loss.Item(), r.LossSum / 13, 4);
            var expected = graph.Parameters().Select(p => p.Grad!.ToArray()).ToArray();
            var actual = fused.Parameters().Select(p => p.Grad!.ToArray()).ToArray();
            for (int p = 0; p < expected.Length; p++)
                for (int i = 0; i < expected[p].Length; i++)
                    Assert.True(Math.Abs(expected[p][i] - actual[p][i]) <= 1e-5f + 1e-4f * Math.Abs(expected[p][i]),
                        $"step {step} parameter {p} element {i}: autograd {expected[p][i]}, fused {actual[p][i]}");
        }
    }

    [Fact]
    public void Predict_SkipsDropout_LikeEvalMode()
    {
        Sequential model = DropoutMlp(21);
        var x = Tensor.Randn(new Rng(22), [5, 20]);
        model.Eval();
        float[] expected = model.Forward(x).ToArray();
        var logits = new float[5 * 4];
        FusedMlp.TryCompile(model)!.Predict(x.Data, 5, logits);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], logits[i], 1e-5f);
    }

    [Fact]
    public void TryCompile_RejectsDropoutAfterTheOutputLayer()
    {
        var rng = new Rng(1);
        Assert.Null(FusedMlp.TryCompile(new Sequential(new Linear(4, 3, rng), new Dropout(0.5f, rng))));
    }
}
