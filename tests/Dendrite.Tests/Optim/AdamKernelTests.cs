using System.Numerics.Tensors;
using Dendrite.Optim;

namespace Dendrite.Tests.Optim;

/// <summary>
/// The one-pass Adam/AdamW kernel against the step-by-step TensorPrimitives form it replaced, bit for bit, on every
/// length up to 70 (all vector tails); ./test re-runs these with AVX-512 and AVX2 off for the other paths.
/// </summary>
public class AdamKernelTests
{
    /// <summary>The update as it was written before the kernel: decay, moments, denominator, direction, step.</summary>
    private static void StepByStep(float[] p, float[] g, float[] m, float[] v, long step, float lr, float beta1, float beta2,
        float eps, float weightDecay)
    {
        var scratch = new float[p.Length];
        DecoupledWeightDecay.Apply(p, lr, weightDecay);
        MovingAverage.Update(m, g, beta1);
        MovingAverage.UpdateSquares(v, g, beta2, 1f - beta2, scratch);
        double c1 = 1.0 - Math.Pow(beta1, step), c2 = Math.Sqrt(1.0 - Math.Pow(beta2, step));
        TensorPrimitives.Sqrt(v, scratch);
        TensorPrimitives.Divide(scratch, (float)c2, scratch);
        TensorPrimitives.Add(scratch, eps, scratch);
        TensorPrimitives.Divide(m, scratch, scratch);
        SgdRule.Apply(p, scratch, (float)(lr / c1));
    }

    private static float[] Values(System.Random rng, int n, float scale)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float)((rng.NextDouble() - 0.5) * scale);
        return x;
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.05f)]
    public void EveryLength_IsBitIdenticalToTheStepByStepForm(float weightDecay)
    {
        var rng = new System.Random(3);
        for (int n = 0; n <= 70; n++)
        {
            float[] p = Values(rng, n, 2), g = Values(rng, n, 0.1f), m = Values(rng, n, 0.01f), v = Values(rng, n, 0.001f);
            for (int i = 0; i < n; i++) v[i] = Math.Abs(v[i]);
            float[] p2 = (float[])p.Clone(), m2 = (float[])m.Clone(), v2 = (float[])v.Clone();
            for (long step = 1; step <= 3; step++)
            {
                StepByStep(p, g, m, v, step, 1e-3f, 0.9f, 0.999f, 1e-8f, weightDecay);
                AdamRule.Apply(p2, g, m2, v2, [], step, 1e-3f, 0.9f, 0.999f, 1e-8f, new float[n],
                    DecoupledWeightDecay.Factor(1e-3f, weightDecay));
            }
            Assert.Equal(p, p2);
            Assert.Equal(m, m2);
            Assert.Equal(v, v2);
        }
    }
}
