using BenchmarkDotNet.Attributes;
using Dendrite.Kernels.Threading;

namespace Dendrite.Bench;

/// <summary>Whole-model costs: one training step at batch 256, and inference at batch 1 and 10,000.</summary>
[MemoryDiagnoser]
public class MlpBenchmarks
{
    private MlpFixture _train = null!, _one = null!, _many = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        KernelThreads.Count = Threads;
        _train = new MlpFixture(256);
        _one = new MlpFixture(1);
        _many = new MlpFixture(10_000);
    }

    [Benchmark(Description = "train step 784-256-10, batch 256")]
    public void TrainStep() => _train.TrainStep();

    [Benchmark(Description = "predict batch 1")]
    public void PredictOne() => _one.Predict();

    [Benchmark(Description = "predict batch 10000")]
    public void PredictMany() => _many.Predict();
}
