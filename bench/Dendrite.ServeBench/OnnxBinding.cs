using Microsoft.ML.OnnxRuntime;

namespace Dendrite.ServeBench;

/// <summary>Inputs and outputs bound once to preallocated buffers; <see cref="Run"/> only computes.</summary>
internal sealed class OnnxBinding(InferenceSession session, RunOptions run, OrtIoBinding binding, OrtValue input, OrtValue output) : IDisposable
{
    public void Run() => session.RunWithBinding(run, binding);

    public void Dispose()
    {
        binding.Dispose();
        input.Dispose();
        output.Dispose();
    }
}
