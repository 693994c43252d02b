using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Dendrite.Bench;

/// <summary>GFLOP/s = 2·m·n·k / mean time, for benchmarks with a <see cref="GemmShape"/> parameter named Shape.</summary>
public sealed class GflopsColumn : IColumn
{
    public string Id => nameof(GflopsColumn);
    public string ColumnName => "GFLOP/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "2·m·n·k / mean time, in 1e9 FLOP per second";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Parameters["Shape"] is not GemmShape shape) return "-";
        var stats = summary[benchmarkCase]?.ResultStatistics;
        if (stats is null) return "-";
        double gflops = 2.0 * shape.M * shape.N * shape.K / stats.Mean; // FLOP per ns = GFLOP/s
        return gflops.ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
    }
}
