using Dendrite.Kernels.Threading;
using Dendrite.Nn;
using Dendrite.Nn.Functional;
using Dendrite.Nn.Fused;
using Dendrite.Optim;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Nn.Fused;

/// <summary>
/// The fused plan with BatchNorm1d and the smooth activations (GELU, SiLU, …) must train as the autograd graph does:
/// same losses, gradients, parameters after several optimizer steps, running statistics, and eval predictions.
/// </summary>
[Collection(nameof(KernelThreadsUsers))]
public class FusedMlpNormAndSmoothActivationTests
{
    private const int Inputs = 20, Classes = 5;

    /// <summary>Flatten, Linear(20→17), [BN], act, [Dropout], Linear(17→11), [BN], act, [Dropout], Linear(11→5); same seed ⇒ same model.</summary>
    private static Sequential Model(string activation, bool batchNorm, float dropout, ulong seed = 3, bool preNormBias = true)
    {
        var rng = new Rng(seed);
        var dropRng = new Rng(seed + 100);
        var layers = new List<Module> { new Flatten() };
        int[] widths = [Inputs, 17, 11];
        for (int i = 0; i + 1 < widths.Length; i++)
        {
            layers.Add(new Linear(widths[i], widths[i + 1], rng, bias: !batchNorm || preNormBias));
            if (batchNorm) layers.Add(new BatchNorm1d(widths[i + 1]));
            layers.Add(Activation(activation));
            if (dropout > 0) layers.Add(new Dropout(dropout, dropRng.Fork()));
        }
        layers.Add(new Linear(widths[^1], Classes, rng));
        var model = new Sequential([.. layers]);
        // Non-trivial γ, β so the affine part is exercised (they start at 1 and 0).
        foreach (var bn in model.OfType<BatchNorm1d>())
        {
            for (int j = 0; j < bn.Features; j++)
            {
                bn.Weight!.Data[j] = 0.5f + (0.1f * j);
                bn.Bias!.Data[j] = 0.05f * (j - 5);
            }
        }
        return model;
    }

    private static Module Activation(string name) => ActivationRegistry.Create(name);

    /// <summary>
    /// Every registered activation the fused plan runs, with batch norm and without (then with dropout), plus a few
    /// mixed cases; a new fusable activation is covered without editing this list.
    /// </summary>
    public static TheoryData<string, bool, float, bool> Cases()
    {
        var cases = new TheoryData<string, bool, float, bool>
        {
            { "relu", true, 0f, false }, { "gelu", true, 0.2f, false }, { "leaky_relu", true, 0f, false }, { "celu", false, 0f, false },
            { "tanh", true, 0.1f, true }, { "silu", false, 0f, false },
        };
        foreach (string name in ActivationRegistry.Names.Where(n => ActivationRegistry.IsFusable(ActivationRegistry.Create(n))))
        {
            cases.Add(name, true, 0f, true);
            cases.Add(name, false, 0.3f, true);
        }
        return cases;
    }

    private static (Tensor X, int[] Labels) Batch(Rng rng, int batch)
    {
        var x = Tensor.Randn(rng, [batch, Inputs], mean: 0.5f, std: 2f); // an offset the normalization must remove
        var labels = new int[batch];
        for (int i = 0; i < batch; i++) labels[i] = rng.NextInt(Classes);
        return (x, labels);
    }

    private static IOptimizer Optimizer(Module m, bool adam) => adam
        ? new Adam(m.Parameters(), new AdamOptions(0.01f))
        : new Sgd(m.Parameters(), new SgdOptions(0.1f, Momentum: 0.9f));

    /// <summary>A Linear bias right before a BatchNorm1d: its gradient is 0 in exact arithmetic, so only rounding noise.</summary>
    private static HashSet<Parameter> BiasesBeforeNorm(Sequential model)
    {
        var modules = model.NamedChildren().Select(c => c.Module).ToList();
        var set = new HashSet<Parameter>();
        for (int i = 0; i + 1 < modules.Count; i++)
            if (modules[i] is Linear { Bias: { } b } && modules[i + 1] is BatchNorm1d) set.Add(b);
        return set;
    }

    private static void AssertClose(float expected, float actual, double abs, double rel, string what)
    {
        if (!(Math.Abs(expected - actual) <= abs + (rel * Math.Abs(expected))))
            Assert.Fail($"{what}: autograd {expected}, fused {actual}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Training_MatchesAutograd_LossesGradientsParametersBuffersAndPredictions(string activation, bool batchNorm, float dropout, bool adam)
    {
        // Under Adam a Linear bias right before BatchNorm1d follows the sign of its gradient's rounding noise
        // (m/√v), moving by ~lr per step differently on each path: the logits cannot see it (the normalization
        // subtracts it) but the running mean does. So Adam cases leave that bias out; SGD cases keep it.
        Sequential graph = Model(activation, batchNorm, dropout, preNormBias: !adam), fused = Model(activation, batchNorm, dropout, preNormBias: !adam);
        FusedMlp plan = FusedMlp.TryCompile(fused)!;
        Assert.NotNull(plan);
        IOptimizer graphOpt = Optimizer(graph, adam), fusedOpt = Optimizer(fused, adam);
        Parameter[] gp = [.. graph.Parameters()], fp = [.. fused.Parameters()];
        var noise = BiasesBeforeNorm(fused);
        var rng = new Rng(77);
        graph.Train();
        for (int step = 0; step < 5; step++)
        {
            int batch = step == 3 ? 7 : 32; // a smaller batch in between: buffers are reused, not resized
            var (x, labels) = Batch(rng, batch);
            graphOpt.ZeroGrad();
            var loss = F.CrossEntropy(graph.Forward(x), labels);
            loss.Backward();
            FusedStepResult r = plan.TrainStep(x.Data, labels, batch);
            AssertClose(loss.Item(), (float)(r.LossSum / batch), 1e-6, 1e-5, $"step {step} loss");
            for (int p = 0; p < gp.Length; p++)
            {
                // Gradients are compared at the scale of their parameter's largest one: a tiny element of a large
                // gradient carries the rounding of the large ones.
                double scale = gp[p].Grad!.Data.Max(v => Math.Abs(v));
                double abs = noise.Contains(fp[p]) ? 1e-6 : 1e-5 * scale + 1e-7;
                for (int i = 0; i < gp[p].Size; i++)
                    AssertClose(gp[p].Grad!.Data[i], fp[p].Grad!.Data[i], abs, 1e-4, $"step {step} grad of parameter {p}[{i}]");
            }
            graphOpt.Step();
            fusedOpt.Step();
        }

        for (int p = 0; p < gp.Length; p++)
        {
            for (int i = 0; i < gp[p].Size; i++)
                AssertClose(gp[p].Data[i], fp[p].Data[i], 1e-5, 1e-5, $"parameter {p}[{i}] after 5 steps");
        }
        var gb = graph.OfType<BatchNorm1d>().ToArray();
        var fb = fused.OfType<BatchNorm1d>().ToArray();
        for (int k = 0; k < gb.Length; k++)
        {
            for (int j = 0; j < gb[k].Features; j++)
            {
                AssertClose(gb[k].RunningMean.Data[j], fb[k].RunningMean.Data[j], 1e-5, 1e-5, $"running_mean {k}[{j}]");
                AssertClose(gb[k].RunningVar.Data[j], fb[k].RunningVar.Data[j], 1e-5, 1e-5, $"running_var {k}[{j}]");
            }
        }

        var (xe, _) = Batch(rng, 9);
        graph.Eval();
        float[] expected = graph.Forward(xe).ToArray();
        var logits = new float[9 * Classes];
        plan.Predict(xe.Data, 9, logits);
        for (int i = 0; i < expected.Length; i++) AssertClose(expected[i], logits[i], 1e-5, 1e-5, $"eval logit {i}");
    }

    [Fact]
    public void TrainStep_GradientsMatchFiniteDifferencesOfItsOwnLoss_ForBatchNormAndGelu()
    {
        // Not against autograd but against the plan's own loss: (L(θ + h) − L(θ − h))/2h per sampled parameter.
        Sequential model = Model("gelu", batchNorm: true, dropout: 0f);
        FusedMlp plan = FusedMlp.TryCompile(model)!;
        var (x, labels) = Batch(new Rng(5), 16);
        plan.TrainStep(x.Data, labels, 16);
        Parameter[] ps = [.. model.Parameters()];
        float[][] analytic = [.. ps.Select(p => p.Grad!.ToArray())];
        double Loss() => plan.TrainStep(x.Data, labels, 16).LossSum / 16;
        for (int p = 0; p < ps.Length; p++)
        {
            for (int i = 0; i < ps[p].Size; i += 7)
            {
                float saved = ps[p].Data[i];
                const float h = 1e-2f;
                ps[p].Data[i] = saved + h;
                double up = Loss();
                ps[p].Data[i] = saved - h;
                double down = Loss();
                double step = (double)(saved + h) - (saved - h);
                ps[p].Data[i] = saved;
                double numeric = (up - down) / step;
                Assert.True(Math.Abs(numeric - analytic[p][i]) <= 1e-3 + (5e-3 * Math.Abs(numeric)),
                    $"parameter {p}[{i}]: analytic {analytic[p][i]}, numeric {numeric}");
            }
        }
    }

    [Fact]
    public void TrainStep_WithBatchNorm_RejectsABatchOfOne_LikeTheModule()
    {
        FusedMlp plan = FusedMlp.TryCompile(Model("gelu", true, 0f))!;
        var ex = Assert.Throws<ShapeMismatchException>(() => plan.TrainStep(new float[Inputs], [0], 1));
        Assert.Contains("more than 1 value per feature", ex.Message);
        var logits = new float[Classes];
        plan.Predict(new float[Inputs], 1, logits); // evaluation uses the running statistics: one sample is fine
    }

    [Fact]
    public void TryCompile_AcceptsFusableActivations_AndRejectsTheRest()
    {
        var rng = new Rng(1);
        Sequential With(Module act) => new(new Linear(4, 6, rng), act, new Linear(6, 3, rng));
        foreach (Module ok in new Module[] { new GELU(), new GELU(GeluApproximation.Tanh), new SiLU(), new LeakyReLU(), new ELU(), new CELU(), new Softplus(), new Mish() })
            Assert.NotNull(FusedMlp.TryCompile(With(ok)));
        foreach (Module no in new Module[] { new LeakyReLU(0.2f), new ELU(0.5f), new Softplus(2f), new PReLU(), new SELU(), new Softsign() })
            Assert.Null(FusedMlp.TryCompile(With(no)));
        Assert.Null(FusedMlp.TryCompile(new Sequential(new Linear(4, 6, rng), new GLU(), new Linear(3, 3, rng))));
        Assert.Null(FusedMlp.TryCompile(new Sequential(new Linear(4, 6, rng), new LayerNorm(6), new ReLU(), new Linear(6, 3, rng))));
        Assert.Null(FusedMlp.TryCompile(new Sequential(new Linear(4, 6, rng), new BatchNorm1d(5), new ReLU(), new Linear(6, 3, rng))));
        Assert.Null(FusedMlp.TryCompile(new Sequential(new Linear(4, 6, rng), new ReLU(), new Linear(6, 3, rng), new BatchNorm1d(3))));
        Assert.NotNull(FusedMlp.TryCompile(new Sequential(new Linear(4, 6, rng), new BatchNorm1d(6), new Linear(6, 3, rng))));
    }

    private static Sequential BigModel(ulong seed) =>
        new(new Flatten(), new Linear(784, 256, new Rng(seed)), new BatchNorm1d(256), new GELU(), new Dropout(0.2f, new Rng(seed + 1)),
            new Linear(256, 64, new Rng(seed + 2)), new BatchNorm1d(64), new SiLU(), new Linear(64, 10, new Rng(seed + 3)));

    [Fact]
    public void SteadyStateTrainingStep_AllocatesNothing_WithBatchNormGeluAndDropout()
    {
        var model = BigModel(5);
        var opt = new Adam(model.Parameters(), new AdamOptions(1e-3f));
        var rng = new Rng(6);
        var x = Tensor.Randn(rng, [256, 784]);
        var labels = Enumerable.Range(0, 256).Select(i => i % 10).ToArray();
        var plan = FusedMlp.TryCompile(model)!;
        Assert.Equal(0, Allocations.SteadyState(() => { plan.TrainStep(x.Data, labels, 256); opt.Step(); }));
    }

    [Fact]
    public void Training_IsBitIdentical_ForOneTwoAndThreeThreads_WithBatchNormGeluAndDropout()
    {
        float[][] Run(int threads) => WithKernelThreads.Run(threads, () =>
        {
            var model = BigModel(11);
            var opt = new Adam(model.Parameters(), new AdamOptions(1e-3f));
            var plan = FusedMlp.TryCompile(model)!;
            var rng = new Rng(12);
            for (int step = 0; step < 4; step++)
            {
                var x = Tensor.Randn(rng, [200, 784]);
                var labels = Enumerable.Range(0, 200).Select(_ => rng.NextInt(10)).ToArray();
                plan.TrainStep(x.Data, labels, 200);
                opt.Step();
            }
            float[][] state = [.. model.Parameters().Select(p => p.ToArray()), .. model.NamedBuffers().Select(b => b.Buffer.ToArray())];
            return state;
        });

        float[][] one = Run(1), two = Run(2), three = Run(3);
        for (int p = 0; p < one.Length; p++)
        {
            Assert.True(one[p].AsSpan().SequenceEqual(two[p]), $"tensor {p} differs between 1 and 2 threads");
            Assert.True(one[p].AsSpan().SequenceEqual(three[p]), $"tensor {p} differs between 1 and 3 threads");
        }
    }
}
