using System.Globalization;
using System.Text.Json;
using Dendrite.Nn;
using Dendrite.Nn.Configs;

namespace Dendrite.Onnx.Tests.Import;

/// <summary>
/// One fixture made by Fixtures/make_pytorch_fixtures.py with Debian's python3-torch: NAME.onnx (torch.onnx.export),
/// NAME.safetensors (its state_dict) and NAME.json (the network as a Dendrite description, probe rows, PyTorch's outputs).
/// </summary>
internal sealed record PyTorchFixture(string Name, LayerConfig Architecture, float[] Input, int Rows, int Width, float[] Output, int Outputs, int Opset)
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public string OnnxPath => Path.Combine(Folder, Name + ".onnx");

    public string StateDictPath => Path.Combine(Folder, Name + ".safetensors");

    /// <summary>Every fixture with a description (NAME.json), by name.</summary>
    public static IEnumerable<string> Names() =>
        Directory.GetFiles(Folder, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static PyTorchFixture Load(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json")));
        JsonElement root = doc.RootElement;
        LayerConfig architecture = LayerConfigJson.Read(root.GetProperty("architecture"), name, 0);
        float[][] input = Matrix(root.GetProperty("input"));
        float[][] output = Matrix(root.GetProperty("output"));
        return new PyTorchFixture(name, architecture, [.. input.SelectMany(r => r)], input.Length, input[0].Length,
            [.. output.SelectMany(r => r)], output[0].Length, root.GetProperty("opset").GetInt32());
    }

    /// <summary>A layer list as comparable text: type, sizes and every activation parameter (defaults filled in), 5 digits.</summary>
    public static List<string> Describe(LayerConfig config, bool withoutDropout = true) =>
        [.. ((SequentialConfig)config).Layers.Where(l => !withoutDropout || l is not DropoutConfig).Select(Describe)];

    private static string Describe(LayerConfig layer) => layer switch
    {
        LinearConfig l => $"linear {l.InFeatures}->{l.OutFeatures} bias={l.Bias}",
        BatchNorm1dConfig b => string.Create(CultureInfo.InvariantCulture, $"batchnorm1d {b.NumFeatures} eps={b.Eps:G5} momentum={b.Momentum:G5} affine={b.Affine}"),
        LayerNormConfig n => string.Create(CultureInfo.InvariantCulture, $"layernorm {n.NormalizedShape} eps={n.Eps:G5} affine={n.ElementwiseAffine}"),
        ActivationConfig a => $"{a.Name}({string.Join(", ", ActivationRegistry.Get(a.Name).Parameters.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name}={a.Parameters.GetValueOrDefault(p.Name, p.Default):G5}")))})",
        _ => layer.Type,
    };

    private static float[][] Matrix(JsonElement e) =>
        [.. e.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetSingle()).ToArray())];
}
