using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Dendrite.Onnx.Tests;

/// <summary>Runs an ONNX model in ONNX Runtime (the reference implementation) on float and string inputs.</summary>
internal static class OrtSession
{
    /// <summary>
    /// Every output of <paramref name="model"/> as a flat float array, by name. <paramref name="optimize"/> (ONNX
    /// Runtime's default, what users get) lets it fuse the graph (GELU, LayerNorm, Gemm+activation); without it the
    /// graph runs node by node as written.
    /// </summary>
    public static Dictionary<string, float[]> Run(byte[] model, IReadOnlyDictionary<string, (float[] Data, int[] Shape)> floats,
        IReadOnlyDictionary<string, string[]>? strings = null, bool optimize = true)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = optimize ? GraphOptimizationLevel.ORT_ENABLE_ALL : GraphOptimizationLevel.ORT_DISABLE_ALL,
        };
        using var session = new InferenceSession(model, options);
        var inputs = new List<NamedOnnxValue>();
        foreach (var (name, (data, shape)) in floats) inputs.Add(NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(data, shape)));
        foreach (var (name, data) in strings ?? new Dictionary<string, string[]>())
            inputs.Add(NamedOnnxValue.CreateFromTensor(name, new DenseTensor<string>(data, [data.Length, 1])));
        using var results = session.Run(inputs);
        return results.ToDictionary(r => r.Name, r => r.AsEnumerable<float>().ToArray());
    }

    /// <summary>The model's metadata_props, as ONNX Runtime reads them.</summary>
    public static IReadOnlyDictionary<string, string> Metadata(byte[] model)
    {
        using var session = new InferenceSession(model);
        return new Dictionary<string, string>(session.ModelMetadata.CustomMetadataMap);
    }
}
