namespace Dendrite.Kernels.Tests;

/// <summary>
/// Tests that must observe the worker pool run their job: the pool serves one job at a time and runs a concurrent
/// caller serially, so tests that assert the parallel path ran share this non-parallel collection.
/// </summary>
[CollectionDefinition(nameof(ThreadPoolUsers), DisableParallelization = true)]
public class ThreadPoolUsers;
