using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dendrite.Formats.Models;
using Dendrite.Formats.Safetensors;
using Dendrite.Nn;
using Dendrite.Nn.Configs;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Formats.Tests.Models;

public class ModelFileTests
{
    private static Sequential LayerNormGeluModel() => new(new Flatten(), new Linear(6, 16, new Rng(1)), new LayerNorm(16),
        new GELU(), new Dropout(0.1f, new Rng(2)), new Linear(16, 8, new Rng(3)), new BatchNorm1d(8), new LeakyReLU(0.2f),
        new Linear(8, 3, new Rng(4)));

    [Fact]
    public void SaveAndLoad_ASequentialOfLibraryLayers_GivesBitIdenticalPredictions()
    {
        using var dir = new TempDirectory();
        var model = LayerNormGeluModel();
        model.Train();
        model.Forward(Tensor.Randn(new Rng(7), [10, 6])); // non-trivial running statistics
        string path = dir.Combine("m.safetensors");
        Model.Save(model, path);
        Module loaded = Model.Load(path);
        Assert.False(loaded.IsTraining);
        Assert.Equal(model.ToConfig(), loaded.ToConfig());
        var x = Tensor.Randn(new Rng(8), [4, 6]);
        Assert.Equal(model.Predict(x).Data, loaded.Predict(x).Data);
    }

    [Fact]
    public void ACustomModule_SavesItsStateDict_AndLoadsIntoAModelTheCallerBuilds()
    {
        using var dir = new TempDirectory();
        var model = new TwoTowers(new Rng(1));
        string path = dir.Combine("custom.safetensors");
        Model.Save(model, path);
        var e = Assert.Throws<ModelFormatException>(() => Model.Load(path));
        Assert.Contains("without an architecture", e.Message, StringComparison.Ordinal);
        var fresh = new TwoTowers(new Rng(2));
        Assert.True(Model.LoadInto(fresh, path).IsExact);
        var x = Tensor.Randn(new Rng(3), [2, 3]);
        Assert.Equal(model.Predict(x).Data, fresh.Predict(x).Data);
    }

    private sealed class TwoTowers(Rng rng) : Module
    {
        private readonly Linear _left = new(3, 2, rng);
        private readonly Linear _right = new(3, 2, rng);

        public override Tensor Forward(Tensor input) => _left.Forward(input) + _right.Forward(input).Tanh();

        public override IEnumerable<(string Name, Module Module)> NamedChildren() => [("left", _left), ("right", _right)];
    }

    [Fact]
    public void APyTorchStateDict_WithNumBatchesTrackedAsInt64_LoadsStrictly_AndComputesWhatPyTorchComputed()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Models", "Fixtures", "pytorch-bn-mlp.safetensors");
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(path, ".expected.json")));
        var model = new Sequential(new Linear(4, 8, new Rng(0)), new BatchNorm1d(8), new ReLU(), new Linear(8, 8, new Rng(0)),
            new LayerNorm(8), new GELU(), new Linear(8, 3, new Rng(0)));
        Assert.True(Model.LoadInto(model, path, strict: true).IsExact);
        Assert.Equal(expected.RootElement.GetProperty("num_batches_tracked").GetInt32(), (int)((BatchNorm1d)model[1]).NumBatchesTracked.Item());
        float[] input = [.. expected.RootElement.GetProperty("input").EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetSingle())];
        float[] want = [.. expected.RootElement.GetProperty("output").EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetSingle())];
        float[] got = model.Predict(new Tensor(input, 3, 4)).Data;
        for (int i = 0; i < want.Length; i++) Assert.Equal(want[i], got[i], 5e-6f);
        Assert.Contains("not a Dendrite model file", Assert.Throws<ModelFormatException>(() => Model.Load(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AVersion1Checkpoint_LoadsAsItsLayers_AndPredictsWhatVersion1Predicted()
    {
        string path = Fixtures.Path("v1/image-run-epoch2.safetensors");
        ModelFile file = Model.Read(path);
        Assert.Equal("1", file.FormatVersion);
        Assert.Contains("optim.0.exp_avg", file.Extras.Keys);
        var config = Assert.IsType<SequentialConfig>(file.Architecture);
        Assert.Equal(["flatten", "linear", "batchnorm1d", "activation", "dropout", "linear"], config.Layers.Select(l => l.Type));
        Module model = file.Build();
        Assert.Equal(0f, ((BatchNorm1d)((Sequential)model)[2]).NumBatchesTracked.Item());
        // predA.csv holds version 1's top-10 probabilities per test image, as round-trip floats.
        float[] pixels = IdxImages(Fixtures.Path("v1/idx/t10k-images-idx3-ubyte.gz"));
        int count = pixels.Length / 784;
        float[] logits = model.Predict(new Tensor(pixels, count, 784)).Data;
        string[] lines = File.ReadAllLines(Fixtures.Path("v1/predA.csv"));
        for (int i = 0; i < count; i++)
        {
            string[] cells = lines[i + 1].Split(',');
            float[] row = logits.AsSpan(i * 10, 10).ToArray();
            float max = row.Max();
            float sum = row.Sum(z => MathF.Exp(z - max));
            float topProbability = MathF.Exp(row.Max() - max) / sum;
            Assert.Equal(float.Parse(cells[3], CultureInfo.InvariantCulture), topProbability, 1e-6f);
        }
    }

    private static float[] IdxImages(string gz)
    {
        using var stream = new System.IO.Compression.GZipStream(File.OpenRead(gz), System.IO.Compression.CompressionMode.Decompress);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        byte[] bytes = memory.ToArray();
        return [.. bytes.Skip(16).Select(b => b / 255f)];
    }

    [Fact]
    public void AHostileArchitecture_IsRefusedFromTheHeader_BeforeAnyTensorIsAllocated()
    {
        // A 1 KB file whose architecture claims a million-by-million layer.
        string arch = "{\"type\":\"sequential\",\"layers\":[{\"type\":\"linear\",\"in_features\":1000000,\"out_features\":1000000}]}";
        byte[] file = FileWith(arch, ("0.weight", [2, 2]), ("0.bias", [2]));
        var e = Assert.Throws<ModelConfigException>(() => Model.Read(file, "evil.safetensors"));
        Assert.Contains("would hold 1,000,000,000,000 values", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("weight", new[] { 3, 2 }, "tensor 'weight' has shape [3, 2], the architecture needs [2, 2]")]
    [InlineData("bias", new[] { 2 }, "needs tensor 'weight' [2, 2], which the file lacks")]
    public void TensorsThatContradictTheArchitecture_AreRefused(string name, int[] shape, string expected)
    {
        string arch = "{\"type\":\"linear\",\"in_features\":2,\"out_features\":2,\"bias\":false}";
        var e = Assert.Throws<ModelFormatException>(() => Model.Read(FileWith(arch, (name, shape)), "m.safetensors"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownVersionOrAStrayTensor_IsRefused()
    {
        string arch = "{\"type\":\"linear\",\"in_features\":2,\"out_features\":2,\"bias\":false}";
        byte[] stray = FileWith(arch, ("weight", [2, 2]), ("0.weight", [2, 2]));
        Assert.Contains("tensor '0.weight' is not part of the architecture",
            Assert.Throws<ModelFormatException>(() => Model.Read(stray, "m")).Message, StringComparison.Ordinal);
        var tensors = new Dictionary<string, Tensor> { ["weight"] = Tensor.Zeros(2, 2) };
        byte[] future = SafetensorsWriter.ToBytes(tensors, new Dictionary<string, string> { [ModelKeys.FormatVersion] = "9" });
        Assert.Contains("unsupported Dendrite model version '9'", Assert.Throws<ModelFormatException>(() => Model.Read(future, "m")).Message, StringComparison.Ordinal);
    }

    /// <summary>A version-2 file whose header lists <paramref name="tensors"/> (zeros) under <paramref name="architecture"/>.</summary>
    private static byte[] FileWith(string architecture, params (string Name, int[] Shape)[] tensors) =>
        SafetensorsWriter.ToBytes(tensors.Select(t => new KeyValuePair<string, Tensor>(t.Name, Tensor.Zeros(t.Shape))),
            new Dictionary<string, string> { [ModelKeys.FormatVersion] = "2", [ModelKeys.Architecture] = architecture });
}
