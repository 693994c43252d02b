using Dendrite.Formats.Models;
using Dendrite.Init;
using Dendrite.Nn;
using Dendrite.Nn.Configs;
using Dendrite.Nn.Functional;
using Dendrite.Optim;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.Training.Checkpoints;
using Dendrite.Training.Models;
using Dendrite.Training.Policy;

namespace Dendrite.Training.Tests.Checkpoints;

/// <summary>The training state beyond weights: buffers, dropout streams, every optimizer, schedule and early stopping.</summary>
public class CheckpointStateTests
{
    private static readonly MlpSpec Toolbox = new(3, [6, 5], 4, "gelu", LinearInit.Kaiming(uniform: false), 0.25f, BatchNorm: true);

    private static readonly ModelInfo Info = ModelInfo.Classifier(["a", "b", "c", "d"], new FeatureInput(3));

    private static readonly float[] Input = [.. Enumerable.Range(0, 8 * 3).Select(i => MathF.Sin(i))];

    private static readonly int[] Labels = [0, 1, 2, 3, 3, 2, 1, 0];

    private static Checkpoint Capture(Sequential model, IOptimizer optimizer, FitState? fit = null) =>
        Checkpoint.Capture(model, Info, 3, optimizer, new Dictionary<string, RngState>(), [], null, fit);

    /// <summary>One training step: dropout draws masks, batch norm updates its running statistics.</summary>
    private static void Step(Module model, IOptimizer optimizer)
    {
        model.Train();
        var loss = F.CrossEntropy(model.Forward(new Tensor((float[])Input.Clone(), 8, 3)), Labels);
        optimizer.ZeroGrad();
        loss.Backward();
        optimizer.Step();
    }

    [Fact]
    public void BatchNormBuffers_RoundTrip_AndLoadIntoTheModel()
    {
        var model = Toolbox.Build(new Rng(1), new Rng(2));
        var optimizer = new Sgd(model.Parameters(), new SgdOptions(0.1f));
        for (int i = 0; i < 3; i++) Step(model, optimizer);
        var expected = model.NamedBuffers().ToDictionary(b => b.Name, b => b.Buffer.Data.ToArray());
        // running_mean, running_var and num_batches_tracked of two BatchNorm1d layers.
        Assert.Equal(["2.num_batches_tracked", "2.running_mean", "2.running_var", "6.num_batches_tracked", "6.running_mean", "6.running_var"],
            expected.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([3f], expected["2.num_batches_tracked"]); // one per training step
        Assert.Contains(expected.Values, v => v.Any(x => x != 0f && x != 1f)); // the statistics moved away from their initial values

        var loaded = Checkpoint.Read(Capture(model, optimizer).ToBytes(), "mem");
        Assert.All(expected, b => Assert.Equal(b.Value, loaded.State[b.Key].Data));
        var rebuilt = loaded.BuildModel();
        foreach (var b in rebuilt.NamedBuffers()) Assert.Equal(expected[b.Name], b.Buffer.Data);
        // Evaluation uses the running statistics, so the rebuilt model predicts exactly as the original.
        model.Eval();
        rebuilt.Eval();
        Assert.Equal(model.Forward(new Tensor((float[])Input.Clone(), 8, 3)).Data, rebuilt.Forward(new Tensor((float[])Input.Clone(), 8, 3)).Data);
    }

    [Theory]
    [InlineData("running_var")]
    [InlineData("num_batches_tracked")]
    public void MissingBatchNormBuffer_IsOneClearLine(string buffer)
    {
        var model = Toolbox.Build(new Rng(1), new Rng(2));
        var saved = Capture(model, new Sgd(model.Parameters(), new SgdOptions(0.1f)));
        string dropped = saved.State.Keys.First(k => k.EndsWith("." + buffer, StringComparison.Ordinal));
        var broken = saved with { State = saved.State.Where(b => b.Key != dropped).ToDictionary(b => b.Key, b => b.Value) };
        // Only version-1 files, which predate the counter, may lack num_batches_tracked.
        var e = Assert.ThrowsAny<DendriteException>(() => Checkpoint.Read(broken.ToBytes(), "model.safetensors"));
        Assert.StartsWith("model.safetensors: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("'" + dropped + "'", e.Message, StringComparison.Ordinal);
        Assert.Contains("lacks", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void DropoutStreams_RoundTrip_SoTheNextMasksRepeat()
    {
        var spec = Toolbox with { BatchNorm = false };
        var model = spec.Build(new Rng(1), new Rng(2));
        var optimizer = new Sgd(model.Parameters(), new SgdOptions(0.1f));
        Step(model, optimizer); // advance the streams
        var loaded = Checkpoint.Read(Checkpoint.Capture(model, Info, 1, optimizer, new Dictionary<string, RngState>(), [], null).ToBytes(), "mem");
        Assert.Equal(2, loaded.Rngs.Keys.Count(k => k.StartsWith(CheckpointKeys.DropoutRngPrefix, StringComparison.Ordinal)));

        var rebuilt = loaded.BuildModel();
        loaded.RestoreDropoutStreams(rebuilt, "mem");
        model.Train();
        rebuilt.Train();
        Assert.Equal(model.Forward(new Tensor((float[])Input.Clone(), 8, 3)).Data, rebuilt.Forward(new Tensor((float[])Input.Clone(), 8, 3)).Data);

        var without = loaded with { Rngs = new Dictionary<string, RngState>() };
        var e = Assert.Throws<CheckpointFormatException>(() => without.RestoreDropoutStreams(rebuilt, "last.safetensors"));
        Assert.Contains("dropout.", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<OptimizerKind> Kinds() => [.. Enum.GetValues<OptimizerKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryOptimizer_RoundTrips_IncludingAScheduledLearningRate(OptimizerKind kind)
    {
        var settings = new OptimizerSettings(kind, LearningRate: kind == OptimizerKind.Sgd ? 0.05f : null,
            Momentum: kind is OptimizerKind.Sgd or OptimizerKind.RmsProp ? 0.5f : null);
        var model = Toolbox.Build(new Rng(1), new Rng(2));
        var optimizer = OptimizerFactory.Create(model.Parameters(), settings);
        for (int i = 0; i < 3; i++) Step(model, optimizer);
        optimizer.LearningRate = 0.00123f; // as a schedule leaves it
        var loaded = Checkpoint.Read(Capture(model, optimizer).ToBytes(), "mem");

        var rebuilt = loaded.BuildModel();
        loaded.RestoreDropoutStreams(rebuilt, "mem");
        var resumed = OptimizerFactory.Create(rebuilt.Parameters(), settings);
        OptimizerStates.Import(resumed, loaded.Optimizer, "mem");
        Assert.Equal(0.00123f, resumed.LearningRate);
        var a = optimizer.ExportState();
        var b = resumed.ExportState();
        Assert.Equal(a.Scalars, b.Scalars);
        Assert.Equal(a.Buffers.Keys, b.Buffers.Keys);
        foreach (var (name, v) in a.Buffers) Assert.Equal(v, b.Buffers[name]);
        // And the next step is the same on both.
        Step(model, optimizer);
        Step(rebuilt, resumed);
        foreach (var (p, q) in model.Parameters().Zip(rebuilt.Parameters())) Assert.Equal(p.Data, q.Data);
    }

    [Fact]
    public void DriverAndEarlyStoppingState_RoundTrip_AndContinueIdentically()
    {
        var model = Toolbox.Build(new Rng(1), new Rng(2));
        var optimizer = new Sgd(model.Parameters(), new SgdOptions(0.1f));
        var schedule = new LrScheduleSpec(LrScheduleKind.Plateau, Patience: 0, Factor: 0.5);
        var driver = new LearningRateDriver(schedule, 1, optimizer, 10, 4);
        var stopper = new EarlyStopping(new EarlyStoppingSpec(3, 0.01));
        double[] losses = [1.0, 0.9, 0.95, 0.97];
        double[] accuracies = [0.5, 0.7, 0.69, 0.65];
        for (int e = 0; e < losses.Length; e++)
        {
            driver.BeginEpoch(e);
            for (int s = 0; s < 4; s++) driver.BeforeStep();
            Step(model, optimizer);
            driver.EndEpoch(losses[e]);
            Assert.False(stopper.Observe(e + 1, accuracies[e], model));
        }
        var fit = new FitState(driver.ExportState(), stopper.ExportState(), false);
        Assert.NotNull(fit.Driver.Plateau);
        Assert.Equal(2, fit.EarlyStopping!.BestEpoch);

        var loaded = Checkpoint.Read(Capture(model, optimizer, fit).ToBytes(), "mem");
        Assert.Equal(fit.Driver, loaded.Fit!.Driver);
        Assert.Equal((2, 0.7, 2), (loaded.Fit.EarlyStopping!.BestEpoch, loaded.Fit.EarlyStopping.BestValue, loaded.Fit.EarlyStopping.BadEpochs));
        Assert.Equal(fit.EarlyStopping.BestWeights!.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)),
            loaded.Fit.EarlyStopping.BestWeights!.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));

        var rebuilt = loaded.BuildModel();
        var resumedOptimizer = new Sgd(rebuilt.Parameters(), new SgdOptions(0.1f));
        OptimizerStates.Import(resumedOptimizer, loaded.Optimizer, "mem");
        var resumedDriver = new LearningRateDriver(schedule, 1, resumedOptimizer, 10, 4);
        resumedDriver.ImportState(loaded.Fit.Driver);
        var resumedStopper = new EarlyStopping(new EarlyStoppingSpec(3, 0.01));
        resumedStopper.ImportState(loaded.Fit.EarlyStopping, rebuilt);
        // One more bad epoch: the plateau cuts the rate again, and early stopping's third bad epoch stops the run.
        driver.BeginEpoch(4);
        resumedDriver.BeginEpoch(4);
        driver.EndEpoch(0.99);
        resumedDriver.EndEpoch(0.99);
        Assert.Equal(optimizer.LearningRate, resumedOptimizer.LearningRate);
        Assert.True(stopper.Observe(5, 0.6, model));
        Assert.True(resumedStopper.Observe(5, 0.6, rebuilt));
        stopper.RestoreBest(model);
        resumedStopper.RestoreBest(rebuilt);
        foreach (var (p, q) in model.Parameters().Zip(rebuilt.Parameters())) Assert.Equal(p.Data, q.Data);
    }

    [Fact]
    public void Architecture_IsStoredAsLayers_AndVersionOnesMlpRecipeReadsAsTheSameLayers()
    {
        var model = Toolbox.Build(new Rng(1), new Rng(2));
        var loaded = Checkpoint.Read(Capture(model, new Sgd(model.Parameters(), new SgdOptions(0.1f))).ToBytes(), "mem");
        Assert.Equal(Toolbox.ToConfig(), loaded.Architecture);
        Assert.Equal(["Flatten", "Linear", "BatchNorm1d", "GELU", "Dropout", "Linear", "BatchNorm1d", "GELU", "Dropout", "Linear"],
            loaded.BuildModel().Modules().Skip(1).Select(m => m.GetType().Name));
        Assert.Equal(0.25f, loaded.BuildModel().Modules().OfType<Dropout>().First().P);

        // Version 1 stored the recipe; the D2L bytes it wrote, and a toolbox recipe, read as the layers they built.
        Assert.Equal(MlpSpec.D2lDefault.ToConfig(), LegacyMlpArchitecture.Read(
            "{\"inputs\":784,\"hidden\":[256],\"classes\":10,\"activation\":\"relu\",\"init\":\"normal:0.01\"}", "v1"));
        Assert.Equal(new MlpSpec(3, [6, 5], 4, "gelu", Dropout: 0.25f, BatchNorm: true).ToConfig(), LegacyMlpArchitecture.Read(
            "{\"inputs\":3,\"hidden\":[6,5],\"classes\":4,\"activation\":\"gelu\",\"init\":\"kaiming_normal\",\"dropout\":0.25,\"batchnorm\":true}", "v1"));
        // Older files have none of the newer members: no dropout, no batch norm.
        Assert.Equal(new MlpSpec(4, [3], 2, "tanh").ToConfig(),
            LegacyMlpArchitecture.Read("{\"inputs\":4,\"hidden\":[3],\"classes\":2,\"activation\":\"tanh\"}", "old"));
        var e = Assert.Throws<ModelConfigException>(() => LegacyMlpArchitecture.Read("{\"inputs\":4,\"hidden\":[3],\"classes\":2,\"activation\":\"nope\"}", "old.safetensors"));
        Assert.Contains("old.safetensors", e.Message, StringComparison.Ordinal);
    }
}
