using Dendrite.Kernels.Threading;

namespace Dendrite.TestKit;

/// <summary>Runs code with <see cref="KernelThreads.Count"/> set, restoring the previous value afterwards.</summary>
public static class WithKernelThreads
{
    public static T Run<T>(int threads, Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        int saved = KernelThreads.Count;
        KernelThreads.Count = threads;
        try
        {
            return body();
        }
        finally
        {
            KernelThreads.Count = saved;
        }
    }
}
