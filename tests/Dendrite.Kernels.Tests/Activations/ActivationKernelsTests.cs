using Dendrite.Kernels.Activations;

namespace Dendrite.Kernels.Tests.Activations;

public class ActivationKernelsTests
{
    private const int Rows = 3;

    private static double RefForward<TAct>(double z) where TAct : struct, IActivation =>
        typeof(TAct) == typeof(Relu) ? (z < 0 ? 0 : z)
        : typeof(TAct) == typeof(Sigmoid) ? 1 / (1 + Math.Exp(-z))
        : typeof(TAct) == typeof(Tanh) ? Math.Tanh(z)
        : z;

    private static double RefBackward<TAct>(double y, double dy) where TAct : struct, IActivation =>
        typeof(TAct) == typeof(Relu) ? (y > 0 ? dy : 0)
        : typeof(TAct) == typeof(Sigmoid) ? dy * y * (1 - y)
        : typeof(TAct) == typeof(Tanh) ? dy * (1 - (y * y))
        : dy;

    private static void Close(double expected, float actual, string what)
    {
        double tol = 2e-6 + (2e-6 * Math.Abs(expected));
        if (!(Math.Abs(actual - expected) <= tol)) Assert.Fail($"{what}: got {actual}, expected {expected}");
    }

    /// <summary>Inputs spanning the interesting range, plus saturating values every 13th element.</summary>
    private static float[] Inputs(Random rng, int n)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = i % 13 == 5 ? (i % 2 == 0 ? 120f : -120f) : (float)((rng.NextDouble() * 12) - 6);
        return x;
    }

    private static void CheckBiasActivation<TAct>() where TAct : struct, IActivation
    {
        var rng = new Random(10);
        for (int cols = 1; cols <= 256; cols++)
        {
            float[] x = Inputs(rng, Rows * cols), bias = Inputs(rng, cols);
            for (int j = 0; j < cols; j++) bias[j] *= 0.1f;
            float[] got = (float[])x.Clone();
            ActivationKernels.BiasActivation<TAct>(got, Rows, cols, bias);
            for (int i = 0; i < Rows * cols; i++)
                Close(RefForward<TAct>((double)x[i] + bias[i % cols]), got[i], $"{typeof(TAct).Name} cols={cols} i={i}");
        }
    }

    private static void CheckBackwardWithBiasGrad<TAct>() where TAct : struct, IActivation
    {
        var rng = new Random(11);
        for (int cols = 1; cols <= 256; cols++)
        {
            float[] z = Inputs(rng, Rows * cols), dy = Inputs(rng, Rows * cols), y = new float[Rows * cols];
            ActivationKernels.Forward<TAct>(z, y);
            float[] dz = (float[])dy.Clone();
            float[] biasGrad = new float[cols];
            for (int j = 0; j < cols; j++) biasGrad[j] = 0.25f * j;
            ActivationKernels.ActivationBackwardWithBiasGrad<TAct>(y, dz, Rows, cols, biasGrad);
            for (int j = 0; j < cols; j++)
            {
                double sum = 0.25 * j;
                for (int i = 0; i < Rows; i++)
                {
                    double expected = RefBackward<TAct>(y[(i * cols) + j], dy[(i * cols) + j]);
                    Close(expected, dz[(i * cols) + j], $"{typeof(TAct).Name} dZ cols={cols} [{i},{j}]");
                    sum += expected;
                }
                Close(sum, biasGrad[j], $"{typeof(TAct).Name} biasGrad cols={cols} j={j}");
            }
            float[] dz2 = new float[dy.Length];
            ActivationKernels.Backward<TAct>(y, dy, dz2);
            Assert.Equal(dz, dz2);
        }
    }

    [Fact] public void BiasActivation_MatchesFloat64Reference_ForRelu_AtEveryLength() => CheckBiasActivation<Relu>();
    [Fact] public void BiasActivation_MatchesFloat64Reference_ForSigmoid_AtEveryLength() => CheckBiasActivation<Sigmoid>();
    [Fact] public void BiasActivation_MatchesFloat64Reference_ForTanh_AtEveryLength() => CheckBiasActivation<Tanh>();
    [Fact] public void BiasActivation_AddsBiasOnly_ForIdentity_AtEveryLength() => CheckBiasActivation<Identity>();

    [Fact] public void BackwardWithBiasGrad_MatchesReference_ForRelu_AtEveryLength() => CheckBackwardWithBiasGrad<Relu>();
    [Fact] public void BackwardWithBiasGrad_MatchesReference_ForSigmoid_AtEveryLength() => CheckBackwardWithBiasGrad<Sigmoid>();
    [Fact] public void BackwardWithBiasGrad_MatchesReference_ForTanh_AtEveryLength() => CheckBackwardWithBiasGrad<Tanh>();
    [Fact] public void BackwardWithBiasGrad_SumsRows_ForIdentity_AtEveryLength() => CheckBackwardWithBiasGrad<Identity>();

    [Fact]
    public void Relu_PropagatesNaN_OnEveryVectorPathAndTail()
    {
        for (int n = 1; n <= 256; n++)
        {
            for (int pos = 0; pos < n; pos += Math.Max(1, n / 7))
            {
                float[] z = new float[n];
                z.AsSpan().Fill(-1f);
                z[pos] = float.NaN;
                float[] y = new float[n];
                ActivationKernels.Forward<Relu>(z, y);
                for (int i = 0; i < n; i++)
                    Assert.True(i == pos ? float.IsNaN(y[i]) : y[i] == 0f, $"n={n} pos={pos} i={i} y={y[i]}");
                ActivationKernels.BiasActivation<Relu>(z, 1, n, new float[n]);
                Assert.True(float.IsNaN(z[pos]), $"BiasActivation lost NaN at n={n} pos={pos}");
            }
        }
    }

    [Fact]
    public void SigmoidAndTanh_Saturate_WithoutOverflow_ForHugeInputs()
    {
        float[] z = new float[37];
        for (int i = 0; i < z.Length; i++) z[i] = i % 2 == 0 ? 1e4f : -1e4f;
        float[] y = new float[z.Length];
        ActivationKernels.Forward<Sigmoid>(z, y);
        for (int i = 0; i < z.Length; i++) Assert.Equal(i % 2 == 0 ? 1f : 0f, y[i]);
        ActivationKernels.Forward<Tanh>(z, y);
        for (int i = 0; i < z.Length; i++) Assert.Equal(i % 2 == 0 ? 1f : -1f, y[i]);
    }

    [Fact]
    public void BiasActivation_Throws_WhenBiasLengthDiffersFromCols()
    {
        Assert.Throws<ArgumentException>(() => ActivationKernels.BiasActivation<Relu>(new float[6], 2, 3, new float[2]));
    }
}
