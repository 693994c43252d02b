using Dendrite.Kernels.Threading;

namespace Dendrite.Kernels.Tests.Threading;

/// <summary>Read-only view of the shared pool's job counter for tests.</summary>
internal static class WorkerPoolProbe
{
    public static long JobsRun => WorkerPool.Shared.JobsRun;
}
