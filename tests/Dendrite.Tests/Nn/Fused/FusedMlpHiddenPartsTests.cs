using Dendrite.Nn;
using Dendrite.Nn.Functional;
using Dendrite.Nn.Fused;
using Dendrite.Optim;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Nn.Fused;

/// <summary>
/// The one-hidden-layer step by parts (FusedMlp.HiddenParts.cs): it must compute what autograd computes and give
/// the same bits for any thread count (reading dataset rows in place: <see cref="FusedMlpRowsTests"/>).
/// </summary>
[Collection(nameof(KernelThreadsUsers))]
public class FusedMlpHiddenPartsTests
{
    private const int Inputs = 24, Classes = 7;

    private static Sequential Model(ulong seed, int hidden, string activation = "relu", bool bias = true)
    {
        var rng = new Rng(seed);
        return new Sequential(new Flatten(), new Linear(Inputs, hidden, rng, bias), ActivationRegistry.Get(activation).Create(), new Linear(hidden, Classes, rng, bias));
    }

    private static (float[] X, int[] Labels) Batch(Rng rng, int batch)
    {
        float[] x = Tensor.Randn(rng, [batch, Inputs]).ToArray();
        int[] labels = Enumerable.Range(0, batch).Select(_ => rng.NextInt(Classes)).ToArray();
        return (x, labels);
    }

    [Theory]
    [InlineData(Inputs, 100, 10, 0)] // fewer than two parts of 64: the plain path
    [InlineData(Inputs, 128, 10, 2)]
    [InlineData(Inputs, 200, 10, 3)]
    [InlineData(784, 256, 10, 4)]
    [InlineData(Inputs, 4096, 10, 8)]
    public void OneHiddenLayer_IsCutIntoPartsOfAtLeast64Units(int inputs, int hidden, int classes, int parts)
    {
        var rng = new Rng(1);
        var model = new Sequential(new Flatten(), new Linear(inputs, hidden, rng), new ReLU(), new Linear(hidden, classes, rng));
        Assert.Equal(parts, FusedMlp.TryCompile(model)!.HiddenPartCount);
    }

    [Fact]
    public void PlansWithBatchNormDropoutOrMoreLayers_KeepThePlainPath()
    {
        var rng = new Rng(2);
        Sequential[] plain =
        [
            new(new Linear(Inputs, 128, rng), new BatchNorm1d(128), new ReLU(), new Linear(128, Classes, rng)),
            new(new Linear(Inputs, 128, rng), new ReLU(), new Dropout(0.5f, rng.Fork()), new Linear(128, Classes, rng)),
            new(new Linear(Inputs, 128, rng), new ReLU(), new Linear(128, 128, rng), new ReLU(), new Linear(128, Classes, rng)),
        ];
        foreach (Sequential model in plain) Assert.Equal(0, FusedMlp.TryCompile(model)!.HiddenPartCount);
    }

    [Theory]
    [InlineData("relu", 1, true, 128)]
    [InlineData("relu", 37, true, 200)]
    [InlineData("relu", 64, false, 256)]
    [InlineData("gelu", 19, true, 128)] // keeps Z beside H
    [InlineData("silu", 8, false, 200)]
    [InlineData("tanh", 33, true, 256)]
    public void TrainStep_MatchesAutogradLossAndGradients(string activation, int batch, bool bias, int hidden)
    {
        foreach (int threads in new[] { 1, 2, 3 })
        {
            WithKernelThreads.Run(threads, () =>
            {
                var model = Model(4, hidden, activation, bias);
                var (x, labels) = Batch(new Rng(5), batch);
                var loss = F.CrossEntropy(model.Forward(Tensor.FromArray(x, [batch, Inputs])), labels);
                loss.Backward();
                float[][] expected = [.. model.Parameters().Select(p => p.Grad!.ToArray())];
                model.ZeroGrad();

                FusedMlp plan = FusedMlp.TryCompile(model)!;
                Assert.True(plan.HiddenPartCount >= 2);
                FusedStepResult r = plan.TrainStep(x, labels, batch);

                Assert.Equal(loss.Item(), r.LossSum / batch, 4);
                float[][] actual = [.. model.Parameters().Select(p => p.Grad!.ToArray())];
                for (int p = 0; p < expected.Length; p++)
                    for (int i = 0; i < expected[p].Length; i++)
                        Assert.True(Math.Abs(expected[p][i] - actual[p][i]) <= 1e-5f + (1e-4f * Math.Abs(expected[p][i])),
                            $"{threads} threads, parameter {p} element {i}: autograd {expected[p][i]}, fused {actual[p][i]}");
                return 0;
            });
        }
    }

    [Fact]
    public void TrainStep_CountsCorrectPredictions_AsArgmaxOfTheForward()
    {
        var model = Model(6, 200);
        var (x, labels) = Batch(new Rng(7), 50);
        int[] predicted = model.Forward(Tensor.FromArray(x, [50, Inputs])).ArgMax(1);
        int expected = predicted.Zip(labels).Count(p => p.First == p.Second);
        Assert.Equal(expected, FusedMlp.TryCompile(model)!.TrainStep(x, labels, 50).Correct);
    }

    [Theory]
    [InlineData(200, "relu")]
    [InlineData(256, "gelu")]
    public void Training_IsBitIdentical_ForAnyThreadCount(int hidden, string activation)
    {
        float[][] Run(int threads) => WithKernelThreads.Run(threads, () =>
        {
            var model = Model(10, hidden, activation);
            var opt = new Sgd(model.Parameters(), new SgdOptions(0.1f, Momentum: 0.9f));
            FusedMlp plan = FusedMlp.TryCompile(model)!;
            var rng = new Rng(11);
            for (int step = 0; step < 4; step++)
            {
                var (x, labels) = Batch(rng, 45);
                plan.TrainStep(x, labels, 45);
                opt.Step();
            }
            return model.Parameters().Select(p => p.ToArray()).ToArray();
        });

        float[][] one = Run(1);
        foreach (int threads in new[] { 2, 3, 5 })
        {
            float[][] other = Run(threads);
            for (int p = 0; p < one.Length; p++)
                Assert.True(one[p].AsSpan().SequenceEqual(other[p]), $"parameter {p} differs between 1 and {threads} threads");
        }
    }

    [Fact]
    public void Training_IsBitIdentical_WhenTheThreadCountChangesBetweenSteps()
    {
        int[] schedule = [2, 3, 1, 4, 2];
        float[][] Run(bool vary)
        {
            var model = Model(14, 256);
            var opt = new Sgd(model.Parameters(), new SgdOptions(0.05f));
            FusedMlp plan = FusedMlp.TryCompile(model)!;
            var rng = new Rng(15);
            foreach (int threads in schedule)
            {
                var (x, labels) = Batch(rng, 30);
                WithKernelThreads.Run(vary ? threads : 1, () => plan.TrainStep(x, labels, 30));
                opt.Step();
            }
            return model.Parameters().Select(p => p.ToArray()).ToArray();
        }

        float[][] fixedOne = Run(vary: false), varied = Run(vary: true);
        for (int p = 0; p < fixedOne.Length; p++)
            Assert.True(fixedOne[p].AsSpan().SequenceEqual(varied[p]), $"parameter {p} differs when the thread count varies");
    }

    [Fact]
    public void TrainStep_GrowsItsBuffers_ForALargerBatch_AndStaysCorrect()
    {
        var model = Model(12, 128);
        FusedMlp plan = FusedMlp.TryCompile(model)!;
        var rng = new Rng(13);
        foreach (int batch in new[] { 3, 40, 5 })
        {
            var (x, labels) = Batch(rng, batch);
            var loss = F.CrossEntropy(model.Forward(Tensor.FromArray(x, [batch, Inputs])), labels);
            FusedStepResult r = plan.TrainStep(x, labels, batch);
            Assert.Equal(loss.Item(), r.LossSum / batch, 4);
        }
    }
}
