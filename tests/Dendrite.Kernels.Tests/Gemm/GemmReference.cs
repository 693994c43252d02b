using Dendrite.Kernels.Gemm;

namespace Dendrite.Kernels.Tests.Gemm;

/// <summary>float64 scalar GEMM and the random operands the GEMM tests share.</summary>
internal static class GemmReference
{
    /// <summary>Kernel paths the hardware can run (the suite also runs with AVX-512/AVX2 disabled by env vars).</summary>
    public static TheoryData<int> SupportedKinds()
    {
        var data = new TheoryData<int>();
        foreach (GemmKernelKind kind in Enum.GetValues<GemmKernelKind>())
            if (Sgemm.IsSupported(kind)) data.Add((int)kind);
        return data;
    }

    public static float[] RandomArray(Random rng, int length)
    {
        var x = new float[length];
        for (int i = 0; i < x.Length; i++) x[i] = (float)((rng.NextDouble() * 2) - 1);
        return x;
    }

    public static double OpA(Transpose t, float[] a, int lda, int i, int p) => t == Transpose.No ? a[(i * lda) + p] : a[(p * lda) + i];

    /// <summary>
    /// Checks c against C = op(A)·op(B) + beta·c0 in float64; tolerance scales with Σ|a||b| (float32 rounding of
    /// a k-term sum), so a wrong element, a missing term or a leaked NaN fails.
    /// </summary>
    public static void AssertMatches(
        Transpose ta, Transpose tb, int m, int n, int k, float[] a, int lda, float[] b, int ldb,
        float beta, float[] c0, float[] c, int ldc, string context)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0, abs = 0;
                for (int p = 0; p < k; p++)
                {
                    double t = OpA(ta, a, lda, i, p) * OpA(tb == Transpose.No ? Transpose.Yes : Transpose.No, b, ldb, j, p);
                    sum += t;
                    abs += Math.Abs(t);
                }
                double c0v = c0[(i * ldc) + j];
                if (beta != 0f)
                {
                    sum += beta * c0v;
                    abs += Math.Abs(beta * c0v);
                }
                double got = c[(i * ldc) + j];
                double tol = (2e-7 * (k + 4) * abs) + 1e-12;
                if (!(Math.Abs(got - sum) <= tol))
                    Assert.Fail($"{context}: C[{i},{j}] = {got}, expected {sum} (tol {tol:g3})");
            }
            for (int j = n; j < ldc && (i * ldc) + j < c.Length; j++)
                if (BitConverter.SingleToInt32Bits(c[(i * ldc) + j]) != BitConverter.SingleToInt32Bits(c0[(i * ldc) + j]))
                    Assert.Fail($"{context}: padding C[{i},{j}] beyond n was written");
        }
    }
}
