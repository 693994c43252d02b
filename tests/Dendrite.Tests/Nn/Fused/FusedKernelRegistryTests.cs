using Dendrite.Nn;
using Dendrite.Nn.Fused;

namespace Dendrite.Tests.Nn.Fused;

/// <summary>
/// Every registered activation with a fused kernel, through each of the kernels the fused plan calls, at every row
/// length 1..256 (every vector width and scalar tail), against the registry's own scalar f and f' in double. The
/// cases come from <see cref="ActivationRegistry"/>, so a new fused activation is tested without editing this file;
/// ./test runs it again with AVX-512 and with AVX2 disabled.
/// </summary>
public class FusedKernelRegistryTests
{
    public static TheoryData<string> Fusable() =>
        [.. ActivationRegistry.Names.Where(n => ActivationRegistry.IsFusable(ActivationRegistry.Create(n)))];

    [Fact]
    public void OnlyFusableEntriesHaveKernels_AndTheOthersCompileToNoPlan()
    {
        foreach (ActivationInfo info in ActivationRegistry.All)
        {
            Module m = info.Create();
            bool fusable = ActivationRegistry.IsFusable(m);
            Assert.Equal(fusable, ActivationRegistry.FusedKernelsOf(m) is not null);
            var model = new Sequential(new Linear(4, info.IsGated ? 8 : 4, new Dendrite.Random.Rng(0)), m, new Linear(4, 2, new Dendrite.Random.Rng(1)));
            Assert.Equal(fusable, FusedMlp.TryCompile(model) is not null);
        }
        Assert.False(ActivationRegistry.IsFusable(new LeakyReLU(0.2f)));
        Assert.False(ActivationRegistry.IsFusable(new Softplus(beta: 2f)));
    }

    [Theory]
    [MemberData(nameof(Fusable))]
    public void Kernels_MatchTheScalarFunctionAndDerivative_AtEveryLength(string name)
    {
        ActivationInfo info = ActivationRegistry.Get(name);
        IStageKernels kernels = ActivationRegistry.FusedKernelsOf(info.Create())!;
        var rng = new System.Random(7);
        for (int n = 1; n <= 256; n++)
        {
            float[] z = Inputs(rng, n);
            var y = new float[n];
            kernels.Activation(z, y);
            for (int i = 0; i < n; i++) Close(info.Function(z[i]), y[i], $"{name} f({z[i]}) at length {n}");

            float[] dy = [.. Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 2) - 1))];
            float[] grad = (float[])dy.Clone();
            kernels.Backward(kernels.BackwardFromInput ? z : y, grad);
            for (int i = 0; i < n; i++) Close(dy[i] * info.Derivative(z[i]), grad[i], $"{name} backward at {z[i]}, length {n}");
        }
    }

    [Theory]
    [MemberData(nameof(Fusable))]
    public void BiasEpilogues_AddTheBiasPerColumn_AndSumTheBiasGradient(string name)
    {
        ActivationInfo info = ActivationRegistry.Get(name);
        IStageKernels kernels = ActivationRegistry.FusedKernelsOf(info.Create())!;
        var rng = new System.Random(11);
        foreach (int cols in new[] { 1, 7, 16, 33, 64, 100 })
        {
            const int Rows = 3;
            float[] x = Inputs(rng, Rows * cols);
            float[] bias = Inputs(rng, cols);
            var z = (float[])x.Clone();
            var y = new float[x.Length];
            kernels.BiasActivation(z, Rows, cols, bias, y);
            float[] dy = [.. Enumerable.Range(0, x.Length).Select(_ => (float)((rng.NextDouble() * 2) - 1))];
            float[] dz = (float[])dy.Clone();
            var biasGrad = new float[cols];
            kernels.BackwardWithBiasGrad(kernels.BackwardFromInput ? z : y, dz, Rows, cols, biasGrad);
            for (int c = 0; c < cols; c++)
            {
                double sum = 0;
                for (int r = 0; r < Rows; r++)
                {
                    int i = (r * cols) + c;
                    float pre = x[i] + bias[c];
                    Close(pre, z[i], $"{name} z");
                    Close(info.Function(pre), y[i], $"{name} f(z + b)");
                    double expected = dy[i] * info.Derivative(pre);
                    Close(expected, dz[i], $"{name} dz");
                    sum += dz[i];
                }
                Close(sum, biasGrad[c], $"{name} bias gradient, column {c} of {cols}");
            }
        }
    }

    private static void Close(double expected, float actual, string what)
    {
        double tol = 4e-6 + (4e-6 * Math.Abs(expected));
        if (!(Math.Abs(actual - expected) <= tol)) Assert.Fail($"{what}: got {actual}, expected {expected}");
    }

    /// <summary>Inputs spanning [−7, 7], plus ±40 and ±120 now and then (saturation, thresholds, exp overflow).</summary>
    private static float[] Inputs(System.Random rng, int n)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++)
            x[i] = i % 13 == 5 ? (i % 2 == 0 ? 120f : -120f) : i % 17 == 3 ? (i % 2 == 0 ? 40f : -40f) : (float)((rng.NextDouble() * 14) - 7);
        return x;
    }
}
