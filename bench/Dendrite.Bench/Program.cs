using BenchmarkDotNet.Running;
using Dendrite.Bench;

if (args.Length > 0 && args[0] == "gflops")
{
    GflopsTable.Run(args.AsSpan(1));
    return;
}
if (args.Length > 0 && args[0] == "fused")
{
    FusedTable.Run();
    return;
}
if (args.Length > 0 && args[0] == "mlp")
{
    MlpTable.Run();
    return;
}
if (args.Length > 0 && args[0] == "step")
{
    StepProfile.Run(args.AsSpan(1));
    return;
}
if (args.Length > 0 && args[0] == "steps")
{
    StepDistribution.Run();
    return;
}
if (args.Length > 0 && args[0] == "cpus")
{
    CpuTable.Run();
    return;
}
if (args.Length > 0 && args[0] == "handoff")
{
    HandoffTable.Run();
    return;
}
if (args.Length > 0 && args[0] == "neighbour")
{
    NeighbourTable.Run();
    return;
}
if (args.Length > 0 && args[0] == "loop")
{
    LoopTable.Run(args.AsSpan(1));
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(GflopsTable).Assembly).Run(args);
