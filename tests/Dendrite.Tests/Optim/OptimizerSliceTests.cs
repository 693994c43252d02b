using Dendrite.Optim;
using Dendrite.Tensors;
using Dendrite.TestKit;

namespace Dendrite.Tests.Optim;

/// <summary>Large parameters are updated in slices, one per kernel thread: the results must not depend on how many.</summary>
[Collection(nameof(KernelThreadsUsers))]
public class OptimizerSliceTests
{
    [Theory]
    [MemberData(nameof(AllOptimizers.Names), MemberType = typeof(AllOptimizers))]
    public void Step_IsBitIdentical_ForOneTwoAndThreeThreads(string name)
    {
        float[][] one = WithKernelThreads.Run(1, () => Train(name));
        foreach (int threads in new[] { 2, 3 })
        {
            float[][] many = WithKernelThreads.Run(threads, () => Train(name));
            for (int p = 0; p < one.Length; p++)
                Assert.True(one[p].AsSpan().SequenceEqual(many[p]), $"{name}: parameter {p} differs with {threads} threads");
        }
    }

    /// <summary>
    /// Four steps on a parameter large enough to be sliced (not a multiple of the slice alignment) and a small one,
    /// with gradients that change every step so every state buffer matters; returns the final parameter values.
    /// </summary>
    private static float[][] Train(string name)
    {
        var rng = new System.Random(7);
        Parameter[] ps = [new Parameter(Values(rng, 3 * 16_384 + 37), 3 * 16_384 + 37), new Parameter(Values(rng, 100), 100)];
        IOptimizer optimizer = AllOptimizers.Makers[name](ps);
        for (int step = 0; step < 4; step++)
        {
            foreach (Parameter p in ps) p.Grad = new Tensor(Values(rng, p.Size), p.Size);
            optimizer.Step();
        }
        return [.. ps.Select(p => p.Data.ToArray())];
    }

    private static float[] Values(System.Random rng, int n)
    {
        var v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float)(rng.NextDouble() - 0.5);
        return v;
    }
}
