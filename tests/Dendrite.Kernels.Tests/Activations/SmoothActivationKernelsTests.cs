using Dendrite.Kernels.Activations;

namespace Dendrite.Kernels.Tests.Activations;

/// <summary>
/// GELU, GELU-tanh, SiLU, Leaky ReLU, ELU, Softplus and Mish through every generic kernel, at every row length
/// 1..256 (each vector width and scalar tail), against float64 formulas; the derivatives of those formulas are in
/// turn checked against central finite differences, so a wrong derivative cannot hide in the reference.
/// </summary>
public class SmoothActivationKernelsTests
{
    private const int Rows = 3;
    private const double SqrtTwoOverPi = 0.7978845608028654;

    private static double SoftplusRef(double z) => z > 20 ? z : Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z)));

    private static double GeluTanhHalf(double z) => 0.5 * (1 + Math.Tanh(SqrtTwoOverPi * (z + (0.044715 * z * z * z))));

    /// <summary>f and f' in float64, by name.</summary>
    private static (Func<double, double> F, Func<double, double> Df) Reference(string name) => name switch
    {
        nameof(Gelu) => (z => z * ReferenceMath.NormalCdf(z), z => ReferenceMath.NormalCdf(z) + (z * ReferenceMath.NormalPdf(z))),
        nameof(GeluTanh) => (
            z => z * GeluTanhHalf(z),
            z =>
            {
                double u = SqrtTwoOverPi * (z + (0.044715 * z * z * z)), c = Math.Cosh(u);
                return GeluTanhHalf(z) + (0.5 * z / (c * c) * SqrtTwoOverPi * (1 + (3 * 0.044715 * z * z)));
            }
        ),
        nameof(Silu) => (z => z * ReferenceMath.Sigmoid(z), z => ReferenceMath.Sigmoid(z) * (1 + (z * (1 - ReferenceMath.Sigmoid(z))))),
        nameof(LeakyRelu) => (z => z > 0 ? z : 0.01 * z, z => z > 0 ? 1 : 0.01),
        nameof(Elu) => (z => z > 0 ? z : Math.Exp(z) - 1, z => z > 0 ? 1 : Math.Exp(z)),
        nameof(Softplus) => (SoftplusRef, z => z > 20 ? 1 : ReferenceMath.Sigmoid(z)),
        nameof(Mish) => (
            z => z * Math.Tanh(SoftplusRef(z)),
            z =>
            {
                double t = Math.Tanh(SoftplusRef(z));
                return t + (z * (1 - (t * t)) * ReferenceMath.Sigmoid(z));
            }
        ),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    public static TheoryData<string> Names() =>
        [nameof(Gelu), nameof(GeluTanh), nameof(Silu), nameof(LeakyRelu), nameof(Elu), nameof(Softplus), nameof(Mish)];

    private static void Close(double expected, float actual, string what)
    {
        double tol = 2e-6 + (2e-6 * Math.Abs(expected));
        if (!(Math.Abs(actual - expected) <= tol)) Assert.Fail($"{what}: got {actual}, expected {expected}");
    }

    /// <summary>Inputs spanning [−7, 7], plus ±40 and ±120 now and then (saturation, thresholds, exp overflow).</summary>
    private static float[] Inputs(Random rng, int n)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++)
            x[i] = i % 13 == 5 ? (i % 2 == 0 ? 120f : -120f) : i % 17 == 3 ? (i % 2 == 0 ? 40f : -40f) : (float)((rng.NextDouble() * 14) - 7);
        return x;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Float64Derivative_MatchesCentralDifferences(string name)
    {
        var (f, df) = Reference(name);
        for (double z = -8; z <= 8; z += 0.0137)
        {
            const double h = 1e-5;
            double numeric = (f(z + h) - f(z - h)) / (2 * h);
            if (name is nameof(LeakyRelu) or nameof(Elu) && Math.Abs(z) < 2 * h) continue; // kink at 0
            Assert.True(Math.Abs(numeric - df(z)) <= 1e-6 * (1 + Math.Abs(numeric)), $"{name}'({z}): analytic {df(z)}, numeric {numeric}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void AllKernels_MatchFloat64_AtEveryLength(string name)
    {
        switch (name)
        {
            case nameof(Gelu): Check<Gelu>(name); break;
            case nameof(GeluTanh): Check<GeluTanh>(name); break;
            case nameof(Silu): Check<Silu>(name); break;
            case nameof(LeakyRelu): Check<LeakyRelu>(name); break;
            case nameof(Elu): Check<Elu>(name); break;
            case nameof(Softplus): Check<Softplus>(name); break;
            default: Check<Mish>(name); break;
        }
    }

    private static void Check<TAct>(string name) where TAct : struct, IActivation
    {
        var (f, df) = Reference(name);
        var rng = new Random(name.Length);
        for (int cols = 1; cols <= 256; cols++)
        {
            float[] z = Inputs(rng, Rows * cols), bias = Inputs(rng, cols), dy = Inputs(rng, Rows * cols);
            for (int j = 0; j < cols; j++) bias[j] = bias[j] * 0.01f;
            for (int i = 0; i < dy.Length; i++) dy[i] = dy[i] / 40f;
            double[] pre = new double[z.Length];
            for (int i = 0; i < z.Length; i++) pre[i] = (float)(z[i] + bias[i % cols]); // the float sum the kernel forms

            float[] inPlace = (float[])z.Clone();
            ActivationKernels.BiasActivation<TAct>(inPlace, Rows, cols, bias);
            float[] kept = (float[])z.Clone(), y = new float[z.Length];
            ActivationKernels.BiasActivation<TAct>(kept, Rows, cols, bias, y);
            for (int i = 0; i < z.Length; i++)
            {
                Close(f(pre[i]), y[i], $"{name} cols={cols} i={i} z={pre[i]}");
                Assert.Equal(pre[i], kept[i]);
                Assert.Equal(y[i], inPlace[i]);
            }

            float[] saved = TAct.BackwardFromInput ? kept : y;
            float[] dz = (float[])dy.Clone(), biasGrad = new float[cols];
            ActivationKernels.ActivationBackwardWithBiasGrad<TAct>(saved, dz, Rows, cols, biasGrad);
            for (int j = 0; j < cols; j++)
            {
                double sum = 0;
                for (int i = 0; i < Rows; i++)
                {
                    int k = (i * cols) + j;
                    double expected = dy[k] * df(pre[k]);
                    Close(expected, dz[k], $"{name}' cols={cols} [{i},{j}] z={pre[k]}");
                    sum += dz[k];
                }
                Close(sum, biasGrad[j], $"{name} biasGrad cols={cols} j={j}");
            }
            float[] dz2 = new float[dy.Length];
            ActivationKernels.Backward<TAct>(saved, dy, dz2);
            Assert.Equal(dz, dz2);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void NaN_Propagates_OnEveryPath(string name)
    {
        float[] z = new float[37];
        z.AsSpan().Fill(float.NaN);
        float[] y = new float[z.Length];
        switch (name)
        {
            case nameof(Gelu): ActivationKernels.Forward<Gelu>(z, y); break;
            case nameof(GeluTanh): ActivationKernels.Forward<GeluTanh>(z, y); break;
            case nameof(Silu): ActivationKernels.Forward<Silu>(z, y); break;
            case nameof(LeakyRelu): ActivationKernels.Forward<LeakyRelu>(z, y); break;
            case nameof(Elu): ActivationKernels.Forward<Elu>(z, y); break;
            case nameof(Softplus): ActivationKernels.Forward<Softplus>(z, y); break;
            default: ActivationKernels.Forward<Mish>(z, y); break;
        }
        Assert.All(y, v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void BackwardFromInput_IsSetExactlyForTheActivationsWhoseSlopeNeedsTheInput()
    {
        Assert.True(Gelu.BackwardFromInput && GeluTanh.BackwardFromInput && Silu.BackwardFromInput && Elu.BackwardFromInput
            && Flag<Softplus>() && Mish.BackwardFromInput);
        Assert.False(Flag<Relu>() || Flag<Sigmoid>() || Flag<Tanh>() || Flag<Identity>() || Flag<LeakyRelu>());
    }

    private static bool Flag<TAct>() where TAct : struct, IActivation => TAct.BackwardFromInput;
}
