using System.Runtime.InteropServices;
using Dendrite.Init;
using Dendrite.Nn.Configs;
using Dendrite.Optim;
using Dendrite.TestKit;
using Dendrite.Training.Checkpoints;
using Dendrite.Training.Models;
using Dendrite.Training.Objectives;
using Dendrite.Training.Policy;
using Dendrite.Training.Runs;

namespace Dendrite.Training.Tests.Runs;

/// <summary>
/// Resume with the whole toolbox switched on: an interrupted-after-epoch-k-and-resumed run must end with the
/// weights, buffers, optimizer state, Rngs, trainer state, history and metrics.csv of an uninterrupted one.
/// </summary>
public class ToolboxResumeTests
{
    private static readonly Data.InMemoryDataset Train = BandData.Create(120, 1);
    private static readonly Data.InMemoryDataset Test = BandData.Create(40, 2);
    private const int Epochs = 5;

    /// <summary>The configurations: what the fused plan runs, what needs autograd, and the stateful schedules.</summary>
    public static RunConfig Setup(string name, int epochs = Epochs)
    {
        var options = new TrainerOptions(Epochs: epochs, BatchSize: 16);
        var adamW = new OptimizerSettings(OptimizerKind.AdamW, 0.01f, 0.01f);
        return name switch
        {
            // Fused plan: Linear/Tanh/Dropout, onecycle per step, norm clipping, validation and early stopping.
            "fused" => new RunConfig
            {
                Model = new MlpSpec(0, [12, 8], 0, "tanh", LinearInit.Kaiming(uniform: true), Dropout: 0.2f),
                Optimizer = adamW,
                Training = options with { Engine = TrainingEngine.Fused },
                Policy = new TrainingPolicy(new LrScheduleSpec(LrScheduleKind.OneCycle), Clip: new GradientClip(GradientClipKind.Norm, 1f),
                    ValidationFraction: 0.1, EarlyStopping: new EarlyStoppingSpec(50)),
                Seed = 7,
            },
            // Autograd: GELU, batch norm (running buffers), dropout, cosine after warm-up, value clipping.
            "autograd" => new RunConfig
            {
                Model = new MlpSpec(0, [12], 0, "gelu", LinearInit.Kaiming(uniform: false), 0.2f, BatchNorm: true),
                Optimizer = adamW,
                Training = options with { Engine = TrainingEngine.Autograd },
                Policy = new TrainingPolicy(new LrScheduleSpec(LrScheduleKind.Cosine), WarmupEpochs: 1, Clip: new GradientClip(GradientClipKind.Value, 0.5f),
                    ValidationFraction: 0.1, EarlyStopping: new EarlyStoppingSpec(50)),
                Seed = 7,
            },
            // Plateau keeps history of its own; RMSprop with momentum, class weights and label smoothing (autograd only).
            "plateau" => new RunConfig
            {
                Model = new MlpSpec(0, [10], 0, "sigmoid", LinearInit.Xavier(uniform: true, 1f), Dropout: 0.1f),
                Objective = new ObjectiveSpec(ClassWeighting.Balanced, LabelSmoothing: 0.1f),
                Optimizer = new OptimizerSettings(OptimizerKind.RmsProp, 0.005f, Momentum: 0.5f),
                Training = options,
                Policy = new TrainingPolicy(new LrScheduleSpec(LrScheduleKind.Plateau, Patience: 0, Factor: 0.5), ValidationFraction: 0.2),
                Seed = 7,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    /// <summary>The run's data, recomputed from the config as a resumed run does (the validation split included).</summary>
    private static RunData Data(RunConfig config) =>
        RunDataLoader.FromDatasets(Train, Test, config, ModelInfo.Classifier(["out", "in"], new FeatureInput(2)));

    [Theory]
    [InlineData("fused", 0)]
    [InlineData("fused", 2)]
    [InlineData("autograd", 1)]
    [InlineData("autograd", 3)]
    [InlineData("plateau", 2)]
    public void InterruptedAfterEpochK_ThenResumed_EndsBitIdenticalToAnUninterruptedRun(string config, int k)
    {
        using var dir = new TempDirectory();
        using var whole = RunFolder.Create(dir.Combine("whole"));
        var wholeOutcome = RunTraining.Start(whole, Setup(config), Data(Setup(config)));
        Assert.Equal(Epochs, wholeOutcome.Epochs.Count);

        using var split = RunFolder.Create(dir.Combine("split"));
        using var cancel = new CancellationTokenSource();
        if (k == 0) cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => RunTraining.Start(split, Setup(config), Data(Setup(config)),
            new RunCallbacks(e => { if (e.Result.Epoch == k) cancel.Cancel(); }), cancellationToken: cancel.Token));
        var last = Checkpoint.Load(split.LastPath);
        Assert.Equal(k, last.Epoch);
        split.Dispose();
        using var reopened = RunFolder.Open(split.Path);
        RunTraining.Resume(reopened, last, Setup(config), Data(Setup(config)));

        AssertSameState(Checkpoint.Load(whole.LastPath), Checkpoint.Load(split.LastPath));
        Assert.Equal(Checkpoint.Load(whole.BestPath).Epoch, Checkpoint.Load(split.BestPath).Epoch);
        Assert.Equal(WithoutSeconds(whole.MetricsPath), WithoutSeconds(split.MetricsPath));
    }

    [Fact]
    public void Run_WithAValidationSplit_AddsValAcc_AndPicksBestByIt()
    {
        using var dir = new TempDirectory();
        using var folder = RunFolder.Create(dir.Combine("run"));
        var epochs = new List<RunEpoch>();
        RunTraining.Start(folder, Setup("autograd"), Data(Setup("autograd")), new RunCallbacks(epochs.Add));

        string[] csv = File.ReadAllLines(folder.MetricsPath);
        Assert.Equal(RunFolder.MetricsHeaderWithValidation, csv[0]);
        Assert.All(epochs, e => Assert.NotNull(e.Result.ValidationAccuracy));
        var history = Checkpoint.Load(folder.LastPath).History;
        Assert.Equal(epochs.Select(e => e.Result.ValidationAccuracy), history.Select(h => h.ValidationAccuracy));
        var bestEpoch = epochs.Last(e => e.IsBest).Result;
        Assert.Equal(epochs.Max(e => e.Result.ValidationAccuracy), bestEpoch.ValidationAccuracy);
        Assert.Equal(bestEpoch.Epoch, Checkpoint.Load(folder.BestPath).Epoch);
    }

    [Fact]
    public void Resume_OfARunThatStoppedEarly_SaysSo()
    {
        using var dir = new TempDirectory();
        using var folder = RunFolder.Create(dir.Combine("run"));
        // No gain can beat a min delta of 1, so the second epoch ends the run and the first one's weights come back.
        var setup = Setup("fused", 6) with { Policy = new TrainingPolicy(ValidationFraction: 0.1, EarlyStopping: new EarlyStoppingSpec(1, 1.0)) };
        var outcome = RunTraining.Start(folder, setup, Data(setup));
        Assert.Equal(2, outcome.Epochs.Count);
        Assert.Equal(1, outcome.RestoredEpoch);
        Assert.Same(outcome.Epochs[0], outcome.Final); // the outcome reports the weights it holds: epoch 1's
        Assert.Equal(outcome.Epochs[0].TestAccuracy, outcome.TestAccuracy);

        var last = Checkpoint.Load(folder.LastPath);
        Assert.True(last.Fit?.StoppedEarly);
        Assert.Equal(2, last.Epoch);
        // last.safetensors holds the last epoch (a valid resume point), and the tracker holds epoch 1's weights.
        Assert.Equal(1, last.Fit!.EarlyStopping!.BestEpoch);
        var restored = outcome.Model.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.Data);
        foreach (var (name, values) in last.Fit.EarlyStopping.BestWeights!)
            if (restored.TryGetValue(name, out float[]? live)) Assert.Equal(values, live);
        var longer = setup with { Training = setup.Training with { Epochs = 9 } };
        var e = Assert.Throws<RunFolderException>(() => RunTraining.Resume(folder, last, longer, Data(longer)));
        Assert.Contains("stopped early", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    internal static void AssertSameState(Checkpoint expected, Checkpoint actual)
    {
        Assert.Equal(expected.Epoch, actual.Epoch);
        AssertSameTensors(expected.State, actual.State);
        Assert.Equal(expected.Rngs, actual.Rngs);
        Assert.Equal(expected.Optimizer.Scalars, actual.Optimizer.Scalars);
        Assert.Equal(expected.Optimizer.Tensors.Keys, actual.Optimizer.Tensors.Keys);
        foreach (var (name, t) in expected.Optimizer.Tensors) Assert.Equal(t, actual.Optimizer.Tensors[name]);
        Assert.NotNull(expected.Fit);
        Assert.Equal(FitStateJson.Write(expected.Fit), FitStateJson.Write(actual.Fit!));
        Assert.Equal(expected.Fit.EarlyStopping?.BestWeights?.Select(p => (p.Key, p.Value)), actual.Fit!.EarlyStopping?.BestWeights?.Select(p => (p.Key, p.Value)));
        Assert.Equal(expected.History.Select(h => h with { Seconds = 0 }), actual.History.Select(h => h with { Seconds = 0 }));
    }

    /// <summary>The same tensors by name, byte for byte (so −0 and 0, or two NaN payloads, would differ).</summary>
    internal static void AssertSameTensors(IReadOnlyDictionary<string, Tensors.Tensor> expected, IReadOnlyDictionary<string, Tensors.Tensor> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, t) in expected)
        {
            Assert.Equal(t.ShapeArray, actual[name].ShapeArray);
            Assert.True(MemoryMarshal.AsBytes(t.Data.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(actual[name].Data.AsSpan())), $"tensor '{name}' differs");
        }
    }

    /// <summary>metrics.csv without its timing column, which differs between any two runs.</summary>
    internal static string[] WithoutSeconds(string metricsPath)
    {
        string[] lines = File.ReadAllLines(metricsPath);
        int seconds = Array.IndexOf(lines[0].Split(','), "seconds");
        Assert.True(seconds > 0, "metrics.csv has a seconds column");
        return [.. lines.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != seconds)))];
    }
}
