using BenchmarkDotNet.Attributes;
using Dendrite.Kernels.Threading;

namespace Dendrite.Bench;

/// <summary>SGEMM on the MLP shapes, 1024³ and batch-1 GEMV, on 1 and 2 threads; see the GFLOP/s column.</summary>
[MemoryDiagnoser]
[Config(typeof(GflopsConfig))]
public class GemmBenchmarks
{
    private GemmOperands? _operands;

    public static IEnumerable<GemmShape> Shapes => GemmShape.All;

    [ParamsSource(nameof(Shapes))]
    public GemmShape Shape { get; set; } = GemmShape.All[0];

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        KernelThreads.Count = Threads;
        _operands = new GemmOperands(Shape);
    }

    [Benchmark]
    public void Sgemm() => _operands!.Run();
}
