using Dendrite.Data;
using Dendrite.Formats.Models;
using Dendrite.Formats.Safetensors;
using Dendrite.Init;
using Dendrite.Nn.Configs;
using Dendrite.Optim;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;
using Dendrite.Training.Checkpoints;
using Dendrite.Training.Models;
using Dendrite.Training.Policy;
using Dendrite.Training.Runs;

namespace Dendrite.Training.Tests.Checkpoints;

public class CheckpointTests
{
    private static readonly MlpSpec Spec = new(6, [5, 4], 3, "tanh", LinearInit.Normal(0.5f));

    private static readonly ModelInfo Info = ModelInfo.Classifier(["a", "b", "c"], new FeatureInput(6));

    /// <summary>A run config with most settings away from their defaults, so a lost one shows.</summary>
    private static readonly RunConfig Config = new()
    {
        Model = new MlpSpec(0, [5, 4], 0, "tanh", LinearInit.Normal(0.5f)),
        Optimizer = new OptimizerSettings(OptimizerKind.Sgd, 0.1f, 0.001f, 0.9f, Nesterov: true),
        Policy = new TrainingPolicy(new LrScheduleSpec(LrScheduleKind.Step, StepSize: 2, Gamma: 0.5), Clip: new GradientClip(GradientClipKind.Norm, 2f)),
        Training = new TrainerOptions(Epochs: 4, BatchSize: 8),
        Seed = 9,
    };

    private static Checkpoint Sample(out Nn.Sequential model)
    {
        model = Spec.Build(new Rng(3));
        var rng = new Rng(9);
        rng.NextNormal(); // leaves a cached spare deviate, which must survive the round trip
        var history = new[]
        {
            new EpochResult(1, 0.7, 0.6, 0.01, new Evaluation(TaskKind.Classification, 0, 0.8, Accuracy: 0.55)),
            new EpochResult(2, double.NaN, 0.1, 0.02, new Evaluation(TaskKind.Classification, 0, double.NaN, Accuracy: 0.2)),
        };
        return Checkpoint.Capture(model, Info, 2, new Sgd(model.Parameters(), new SgdOptions(0.1f)),
            new Dictionary<string, RngState> { ["shuffle"] = rng.GetState() }, history, Config);
    }

    [Fact]
    public void RoundTrip_RestoresEverything_BitExactly()
    {
        Checkpoint saved = Sample(out var model);
        Checkpoint loaded = Checkpoint.Read(saved.ToBytes(), "mem");

        Assert.Equal(Spec.ToConfig(), loaded.Architecture);
        Assert.Equal(["a", "b", "c"], loaded.Info.ClassNames!);
        Assert.Equal(TaskKind.Classification, loaded.Info.Task);
        Assert.Equal(new FeatureInput(6), loaded.Info.Input);
        Assert.Equal(2, loaded.Epoch);
        Assert.Equal(ModelKeys.CurrentVersion, loaded.FormatVersion);
        Assert.Equal(saved.Rngs["shuffle"], loaded.Rngs["shuffle"]);
        Assert.True(loaded.Rngs["shuffle"].HasSpareNormal);
        RunConfigAssert.Same(Config, loaded.Config!);
        Assert.Null(loaded.Fit);
        Assert.Equal(saved.History[0], loaded.History[0]);
        Assert.True(double.IsNaN(loaded.History[1].TrainLoss));
        Assert.True(double.IsNaN(loaded.History[1].Test!.Loss));
        Assert.Equal(0.2, loaded.History[1].TestAccuracy);
        var rebuilt = loaded.BuildModel();
        var expected = model.NamedParameters().ToList();
        var actual = rebuilt.NamedParameters().ToList();
        Assert.Equal(expected.Select(p => p.Name), actual.Select(p => p.Name));
        for (int i = 0; i < expected.Count; i++) Assert.Equal(expected[i].Parameter.Data, actual[i].Parameter.Data);
    }

    [Fact]
    public void ToBytes_IsDeterministic_AndReadingThenWritingGivesTheSameBytes()
    {
        Checkpoint c = Sample(out _);
        byte[] bytes = c.ToBytes();
        Assert.Equal(bytes, c.ToBytes());
        Assert.Equal(bytes, Checkpoint.Read(bytes, "mem").ToBytes());
    }

    [Fact]
    public void Metadata_HoldsArchitecture_SoOtherToolsCanRead()
    {
        var header = SafetensorsReader.ReadHeader(Sample(out _).ToBytes());
        string architecture = header.Metadata[CheckpointKeys.Architecture];
        Assert.Contains("{\"type\":\"linear\",\"in_features\":5,\"out_features\":4,\"bias\":true}", architecture, StringComparison.Ordinal);
        Assert.Equal(Spec.ToConfig(), LayerConfigJson.Read(architecture, "mem"));
        Assert.Equal("2", header.Metadata[CheckpointKeys.FormatVersion]);
        Assert.Equal("classification", header.Metadata[CheckpointKeys.Task]);
        Assert.Contains(header.Tensors, t => t.Name == "1.weight" && t.ShapeString == "[5, 6]");
        // Every model tensor is under its plain state-dict name; nothing else is, but training state.
        Assert.All(header.Tensors, t => Assert.True(Spec.ToConfig().StateShapes().Any(s => s.Name == t.Name)
            || t.Name.StartsWith(CheckpointKeys.OptimizerPrefix, StringComparison.Ordinal), t.Name));
    }

    [Fact]
    public void Capture_CopiesTheState_SoLaterTrainingDoesNotChangeIt()
    {
        Checkpoint c = Sample(out var model);
        float before = c.State["1.weight"].Data[0];
        model.NamedParameters().First().Parameter.Data[0] += 1f;
        Assert.Equal(before, c.State["1.weight"].Data[0]);
    }

    [Fact]
    public void Capture_OfACustomModule_SaysToSaveTheStateDict()
    {
        var custom = new NoConfig();
        var e = Assert.Throws<ArgumentException>(() => Checkpoint.Capture(custom, Info, 0, new Sgd(custom.Parameters(), new SgdOptions(0.1f)),
            new Dictionary<string, RngState>(), [], null));
        Assert.Contains("Model.Save", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ForeignSafetensors_SaysItIsNotADendriteModel()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("foreign.safetensors");
        SafetensorsWriter.Write(path, [new("w", new Tensor([1f, 2f], 2))]);
        var e = Assert.Throws<CheckpointFormatException>(() => Checkpoint.Load(path));
        Assert.Contains("not a Dendrite model", e.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TruncatedFile_ThrowsDendriteExceptionNamingThePath()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("cut.safetensors");
        byte[] bytes = Sample(out _).ToBytes();
        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length - 7).ToArray());
        var e = Assert.ThrowsAny<DendriteException>(() => Checkpoint.Load(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_SaysNotFound()
    {
        var e = Assert.ThrowsAny<DendriteException>(() => Checkpoint.Load("/nonexistent/model.safetensors"));
        Assert.Contains("/nonexistent/model.safetensors", e.Message, StringComparison.Ordinal);
        Assert.Contains("not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownFormatVersion_IsRefused()
    {
        var header = SafetensorsReader.ReadHeader(Sample(out _).ToBytes());
        var file = SafetensorsReader.Read(Sample(out _).ToBytes());
        var metadata = new Dictionary<string, string>(header.Metadata) { [CheckpointKeys.FormatVersion] = "3" };
        var e = Assert.ThrowsAny<DendriteException>(() => Checkpoint.Read(SafetensorsWriter.ToBytes(file.Tensors, metadata), "future.safetensors"));
        Assert.Contains("future.safetensors", e.Message, StringComparison.Ordinal);
        Assert.Contains("'3'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingParameter_NamesIt()
    {
        Checkpoint c = Sample(out _);
        var fewer = c with { State = c.State.Where(p => p.Key != "3.bias").ToDictionary() };
        var e = Assert.ThrowsAny<DendriteException>(() => Checkpoint.Read(fewer.ToBytes(), "m"));
        Assert.Contains("'3.bias'", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("m: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongShape_NamesParameterAndShapes()
    {
        Checkpoint c = Sample(out _);
        var changed = new Dictionary<string, Tensor>(c.State) { ["1.bias"] = new Tensor(new float[4], 4) };
        var e = Assert.ThrowsAny<DendriteException>(() => Checkpoint.Read((c with { State = changed }).ToBytes(), "m"));
        Assert.Contains("'1.bias' has shape [4]", e.Message, StringComparison.Ordinal);
        Assert.Contains("[5]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ATensorTheArchitectureDoesNotHave_IsRefused()
    {
        Checkpoint c = Sample(out _);
        var more = new Dictionary<string, Tensor>(c.State) { ["9.weight"] = new Tensor(new float[2], 2) };
        var e = Assert.ThrowsAny<DendriteException>(() => Checkpoint.Read((c with { State = more }).ToBytes(), "m"));
        Assert.Contains("'9.weight'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_OptimizerStateIntoPlainSgd_IsRejected()
    {
        var model = Spec.Build(new Rng(1));
        var state = new Training.Checkpoints.OptimizerState(new Dictionary<string, float[]> { ["m.0"] = [1f] }, new Dictionary<string, string>());
        Assert.Throws<CheckpointFormatException>(() =>
            OptimizerStates.Import(new Sgd(model.Parameters(), new SgdOptions(0.1f)), state, "x"));
    }

    [Fact]
    public void OptimizerTensors_TakeTheirParametersShapes_AndAWrongOneIsRefused()
    {
        var model = Spec.Build(new Rng(1));
        var adam = OptimizerFactory.Create(model.Parameters(), new OptimizerSettings(OptimizerKind.Adam));
        model.Train();
        var loss = Nn.Functional.F.CrossEntropy(model.Forward(new Tensor(new float[12], 2, 6)), [0, 2]);
        adam.ZeroGrad();
        loss.Backward();
        adam.Step();
        var c = Checkpoint.Capture(model, Info, 1, adam, new Dictionary<string, RngState>(), [], null);
        var header = SafetensorsReader.ReadHeader(c.ToBytes());
        Assert.Contains(header.Tensors, t => t.Name == "optim.0.exp_avg" && t.ShapeString == "[5, 6]");

        var tensors = SafetensorsReader.Read(c.ToBytes()).Tensors.ToDictionary();
        tensors["optim.0.exp_avg"] = new Tensor(new float[30], 30);
        var e = Assert.Throws<CheckpointFormatException>(() => Checkpoint.Read(SafetensorsWriter.ToBytes(tensors, header.Metadata), "m"));
        Assert.Contains("'optim.0.exp_avg' has shape [30]", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A module without a description.</summary>
    private sealed class NoConfig : Nn.Module
    {
        private readonly Nn.Linear _linear = new(2, 2, new Rng(0));

        public override Tensor Forward(Tensor input) => _linear.Forward(input);

        public override IEnumerable<(string Name, Nn.Module Module)> NamedChildren() => [("linear", _linear)];

        public override LayerConfig? ToConfig() => null;
    }
}
