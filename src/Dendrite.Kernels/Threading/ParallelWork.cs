namespace Dendrite.Kernels.Threading;

/// <summary>
/// A unit of parallel work: <see cref="Execute"/> is called once for every index 0..count-1, on any thread,
/// possibly concurrently. A class (not a delegate) so that callers can cache and reuse one instance and the
/// steady state allocates nothing.
/// </summary>
public abstract class ParallelWork
{
    /// <summary>Runs work item <paramref name="index"/>. Items must write disjoint outputs.</summary>
    public abstract void Execute(int index);
}
