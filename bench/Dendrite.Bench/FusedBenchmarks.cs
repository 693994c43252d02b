using BenchmarkDotNet.Attributes;
using Dendrite.Kernels.Activations;
using Dendrite.Kernels.Reductions;

namespace Dendrite.Bench;

/// <summary>The fused elementwise kernels on MLP-sized buffers (batch 256, hidden 256, 10 classes).</summary>
[MemoryDiagnoser]
public class FusedBenchmarks
{
    private const int Rows = 256, Cols = 256, Classes = 10;
    private readonly float[] _x = new float[Rows * Cols], _y = new float[Rows * Cols], _ySig = new float[Rows * Cols], _dy = new float[Rows * Cols];
    private readonly float[] _bias = new float[Cols], _biasGrad = new float[Cols];
    private readonly float[] _logits = new float[Rows * Classes], _dLogits = new float[Rows * Classes], _loss = new float[Rows];
    private readonly int[] _labels = new int[Rows];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new System.Random(7);
        for (int i = 0; i < _x.Length; i++) { _x[i] = (float)(rng.NextDouble() - 0.5); _dy[i] = (float)(rng.NextDouble() - 0.5); }
        for (int i = 0; i < _logits.Length; i++) _logits[i] = (float)(rng.NextDouble() * 4);
        for (int i = 0; i < Rows; i++) _labels[i] = rng.Next(Classes);
        ActivationKernels.Forward<Relu>(_x, _y);
        // Backward runs in place on dY again and again; with y = golden ratio, y·(1−y) ≈ −1, so dY neither decays
        // into denormals (which would distort the timing) nor overflows.
        _ySig.AsSpan().Fill(1.618034f);
    }

    // The in-place kernels re-run on their own output; the values stay bounded, so timings are representative.
    [Benchmark] public void BiasRelu() => ActivationKernels.BiasActivation<Relu>(_x, Rows, Cols, _bias);
    [Benchmark] public void BiasSigmoid() => ActivationKernels.BiasActivation<Sigmoid>(_x, Rows, Cols, _bias);
    [Benchmark] public void BiasTanh() => ActivationKernels.BiasActivation<Tanh>(_x, Rows, Cols, _bias);
    [Benchmark] public void ReluBackwardBiasGrad() => ActivationKernels.ActivationBackwardWithBiasGrad<Relu>(_y, _dy, Rows, Cols, _biasGrad);
    [Benchmark] public void SigmoidBackwardBiasGrad() => ActivationKernels.ActivationBackwardWithBiasGrad<Sigmoid>(_ySig, _dy, Rows, Cols, _biasGrad);

    [Benchmark]
    public int SoftmaxCrossEntropy256x10() =>
        SoftmaxCrossEntropy.Compute(_logits, Rows, Classes, _labels, _loss, _dLogits, 1f / Rows);
}
