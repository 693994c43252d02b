using Dendrite.Formats.Safetensors;
using Dendrite.Init;
using Dendrite.Optim;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;
using Dendrite.Training.Checkpoints;

namespace Dendrite.Training.Tests.Checkpoints;

public class CheckpointTests
{
    private static readonly MlpSpec Spec = new(6, [5, 4], 3, ActivationKind.Tanh, LinearInit.Normal(0.5f));

    private static Checkpoint Sample(out Nn.Sequential model)
    {
        model = ModelFactory.BuildMlp(Spec, new Rng(3));
        var rng = new Rng(9);
        rng.NextNormal(); // leaves a cached spare deviate, which must survive the round trip
        var history = new[] { new EpochResult(1, 0.7, 0.6, 0.55, 0.01), new EpochResult(2, double.NaN, 0.1, 0.2, 0.02) };
        return Checkpoint.Capture(Spec, ["a", "b", "c"], 2, model, new Sgd(model.Parameters(), new SgdOptions(0.1f)),
            new Dictionary<string, RngState> { ["shuffle"] = rng.GetState() }, history, "{\"x\":1}");
    }

    [Fact]
    public void RoundTrip_RestoresEverything_BitExactly()
    {
        Checkpoint saved = Sample(out var model);
        Checkpoint loaded = Checkpoint.Read(saved.ToBytes(), "mem");

        Assert.Equal(MlpSpecJson.Write(Spec), MlpSpecJson.Write(loaded.Spec));
        Assert.Equal(["a", "b", "c"], loaded.ClassNames);
        Assert.Equal(2, loaded.Epoch);
        Assert.Equal(saved.Rngs["shuffle"], loaded.Rngs["shuffle"]);
        Assert.True(loaded.Rngs["shuffle"].HasSpareNormal);
        Assert.Equal("{\"x\":1}", loaded.ConfigJson);
        Assert.Equal(saved.History[0], loaded.History[0]);
        Assert.True(double.IsNaN(loaded.History[1].TrainLoss));
        var rebuilt = loaded.BuildModel();
        var expected = model.NamedParameters().ToList();
        var actual = rebuilt.NamedParameters().ToList();
        Assert.Equal(expected.Select(p => p.Name), actual.Select(p => p.Name));
        for (int i = 0; i < expected.Count; i++) Assert.Equal(expected[i].Parameter.Data, actual[i].Parameter.Data);
    }

    [Fact]
    public void ToBytes_IsDeterministic()
    {
        Checkpoint c = Sample(out _);
        Assert.Equal(c.ToBytes(), c.ToBytes());
    }

    [Fact]
    public void Metadata_HoldsArchitecture_SoOtherToolsCanRead()
    {
        var header = SafetensorsReader.ReadHeader(Sample(out _).ToBytes());
        Assert.Contains("\"hidden\":[5,4]", header.Metadata[CheckpointKeys.Architecture], StringComparison.Ordinal);
        Assert.Equal(Checkpoint.CurrentFormatVersion, header.Metadata[CheckpointKeys.FormatVersion]);
        Assert.Contains(header.Tensors, t => t.Name == "1.weight" && t.ShapeString == "[5, 6]");
    }

    [Fact]
    public void Capture_CopiesParameters_SoLaterTrainingDoesNotChangeIt()
    {
        Checkpoint c = Sample(out var model);
        float before = c.Parameters["1.weight"].Data[0];
        model.NamedParameters().First().Parameter.Data[0] += 1f;
        Assert.Equal(before, c.Parameters["1.weight"].Data[0]);
    }

    [Fact]
    public void Load_ForeignSafetensors_SaysItIsNotADendriteModel()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("foreign.safetensors");
        SafetensorsWriter.Write(path, [new("w", new Tensor([1f, 2f], 2))]);
        var e = Assert.Throws<CheckpointFormatException>(() => Checkpoint.Load(path));
        Assert.Contains("not a Dendrite model", e.Message, StringComparison.Ordinal);
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
        var e = Assert.Throws<CheckpointFormatException>(() => Checkpoint.Load("/nonexistent/model.safetensors"));
        Assert.Contains("not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingParameter_NamesIt()
    {
        Checkpoint c = Sample(out _);
        var fewer = c with { Parameters = c.Parameters.Where(p => p.Key != "3.bias").ToDictionary() };
        var e = Assert.Throws<CheckpointFormatException>(() => Checkpoint.Read(fewer.ToBytes(), "m"));
        Assert.Contains("'3.bias'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongShape_NamesParameterAndShapes()
    {
        Checkpoint c = Sample(out _);
        var changed = new Dictionary<string, Tensor>(c.Parameters) { ["1.bias"] = new Tensor(new float[4], 4) };
        var e = Assert.Throws<CheckpointFormatException>(() => Checkpoint.Read((c with { Parameters = changed }).ToBytes(), "m"));
        Assert.Contains("'1.bias' has shape [4]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_OptimizerStateIntoPlainSgd_IsRejected()
    {
        var model = ModelFactory.BuildMlp(Spec, new Rng(1));
        var state = new Dendrite.Training.Checkpoints.OptimizerState(new Dictionary<string, float[]> { ["m.0"] = [1f] }, new Dictionary<string, string>());
        Assert.Throws<CheckpointFormatException>(() =>
            OptimizerStates.Import(new Sgd(model.Parameters(), new SgdOptions(0.1f)), state, "x"));
    }
}
