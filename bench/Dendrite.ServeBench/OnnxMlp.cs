using Microsoft.ML.OnnxRuntime;

namespace Dendrite.ServeBench;

/// <summary>
/// ONNX Runtime on the exported graph (input "input" [N, 784] → output "logits" [N, 10]), on a given number of intra-op
/// threads: calls through IoBinding on preallocated, pinned buffers (the fastest form ORT offers, as in the issue's
/// reference figures), or a plain Run that creates its output per call.
/// </summary>
internal sealed class OnnxMlp : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();

    public OnnxMlp(string path, int threads)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(path, options);
        OutputWidth = (int)_session.OutputMetadata["logits"].Dimensions[1];
    }

    public int OutputWidth { get; }

    /// <summary>A binding of <paramref name="input"/> [batch, width] and <paramref name="logits"/> [batch, outputs], reusable for many runs.</summary>
    public OnnxBinding Bind(float[] input, int batch, int width, float[] logits)
    {
        var x = OrtValue.CreateTensorValueFromMemory(input, [batch, width]);
        var y = OrtValue.CreateTensorValueFromMemory(logits, [batch, OutputWidth]);
        OrtIoBinding binding = _session.CreateIoBinding();
        binding.BindInput("input", x);
        binding.BindOutput("logits", y);
        return new OnnxBinding(_session, _run, binding, x, y);
    }

    /// <summary>A plain Run: the output is allocated by ORT and copied out.</summary>
    public void Run(float[] input, int batch, int width, float[] logits)
    {
        using var x = OrtValue.CreateTensorValueFromMemory(input, [batch, width]);
        using IDisposableReadOnlyCollection<OrtValue> outputs = _session.Run(_run, ["input"], [x], ["logits"]);
        outputs[0].GetTensorDataAsSpan<float>().CopyTo(logits);
    }

    public void Dispose()
    {
        _run.Dispose();
        _session.Dispose();
    }
}
