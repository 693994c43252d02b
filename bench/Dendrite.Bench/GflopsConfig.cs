using BenchmarkDotNet.Configs;

namespace Dendrite.Bench;

/// <summary>Default config plus the GFLOP/s column.</summary>
public sealed class GflopsConfig : ManualConfig
{
    public GflopsConfig() => AddColumn(new GflopsColumn());
}
