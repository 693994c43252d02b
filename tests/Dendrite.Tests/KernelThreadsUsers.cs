namespace Dendrite.Tests;

/// <summary>
/// Tests that set the process-wide <c>KernelThreads.Count</c>, or assert that a fused plan's steady state allocates
/// nothing, share this non-parallel collection: a plan sizes its per-thread buffers by the thread count, so a
/// concurrent test that changed the count would make the plan re-allocate in the middle of an allocation check
/// (seen once in CI with AVX-512 off: 1,057,920 bytes in each round).
/// </summary>
[CollectionDefinition(nameof(KernelThreadsUsers), DisableParallelization = true)]
public class KernelThreadsUsers;
