using Dendrite.Kernels.Threading;

namespace Dendrite.Kernels.Tests.Threading;

/// <summary>Read-only view of the shared pool's job and wake-up counters for tests.</summary>
internal static class WorkerPoolProbe
{
    public static long JobsRun => WorkerPool.Shared.JobsRun;

    public static long Wakes => WorkerPool.Shared.Wakes;
}
