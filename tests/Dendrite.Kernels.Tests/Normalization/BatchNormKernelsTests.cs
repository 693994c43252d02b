using Dendrite.Kernels.Activations;
using Dendrite.Kernels.Normalization;

namespace Dendrite.Kernels.Tests.Normalization;

/// <summary>
/// The batch-norm kernels at every column count 1..256 (vector bodies and scalar tails) against a scalar loop with
/// F.BatchNorm's arithmetic. Statistics and gradient sums are the same double operations per column on every path,
/// so they must agree exactly; float outputs agree to rounding of the activation.
/// </summary>
public class BatchNormKernelsTests
{
    private const int Rows = 5;

    private static float[] Random(Random rng, int n, double scale, double offset = 0)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float)(((rng.NextDouble() * 2) - 1) * scale + offset);
        return x;
    }

    [Fact]
    public void ColumnMoments_EqualsTwoPassDoubleLoop_Exactly_AtEveryWidth()
    {
        var rng = new Random(1);
        for (int cols = 1; cols <= 256; cols++)
        {
            float[] x = Random(rng, Rows * cols, 3, 100); // |mean| ≫ std: a one-pass formula would cancel
            double[] mean = new double[cols], m2 = new double[cols];
            BatchNormKernels.ColumnMoments(x, Rows, cols, mean, m2);
            for (int j = 0; j < cols; j++)
            {
                double s = 0, q = 0;
                for (int i = 0; i < Rows; i++) s += x[(i * cols) + j];
                s /= Rows;
                for (int i = 0; i < Rows; i++) { double d = x[(i * cols) + j] - s; q += d * d; }
                Assert.Equal(s, mean[j]);
                Assert.Equal(q, m2[j]);
            }
        }
    }

    [Fact]
    public void ForwardAndBackward_MatchTheScalarFormulas_AtEveryWidth_ForGelu()
    {
        var rng = new Random(2);
        for (int cols = 1; cols <= 256; cols++)
        {
            int n = Rows * cols;
            float[] x = Random(rng, n, 2, 0.3), mean = Random(rng, cols, 0.2), invStd = Random(rng, cols, 0.5, 1.0);
            float[] gamma = Random(rng, cols, 0.5, 1), beta = Random(rng, cols, 0.3), dy = Random(rng, n, 1);
            float[] xHat = (float[])x.Clone(), y = new float[n];
            BatchNormKernels.NormalizeAffineActivation<Gelu>(xHat, Rows, cols, mean, invStd, gamma, beta, y);

            float[] g = (float[])dy.Clone();
            double[] sumG = new double[cols], sumGx = new double[cols];
            BatchNormKernels.AffineActivationBackward<Gelu>(xHat, y, g, Rows, cols, gamma, beta, sumG, sumGx);

            double[] meanG = sumG.Select(v => v / Rows).ToArray(), meanGx = sumGx.Select(v => v / Rows).ToArray();
            float[] scale = new float[cols];
            for (int j = 0; j < cols; j++) scale[j] = gamma[j] * invStd[j];
            float[] dx = (float[])g.Clone(), biasGrad = new float[cols];
            BatchNormKernels.InputGrad(dx, xHat, Rows, cols, scale, meanG, meanGx, biasGrad);

            for (int j = 0; j < cols; j++)
            {
                double sg = 0, sx = 0;
                float bg = 0;
                for (int i = 0; i < Rows; i++)
                {
                    int k = (i * cols) + j;
                    float h = (x[k] - mean[j]) * invStd[j];
                    Assert.Equal(h, xHat[k]);
                    float a = (gamma[j] * h) + beta[j];
                    Assert.Equal(Gelu.Forward(a), y[k], 1e-6f);
                    float gk = Gelu.Backward(a, dy[k]);
                    Assert.Equal(gk, g[k], 1e-6f);
                    sg += g[k];
                    sx += (double)g[k] * xHat[k];
                    float d = scale[j] * (float)(g[k] - meanG[j] - ((double)xHat[k] * meanGx[j]));
                    Assert.Equal(d, dx[k]);
                    bg += d;
                }
                Assert.Equal(sg, sumG[j]);
                Assert.Equal(sx, sumGx[j]);
                Assert.Equal(bg, biasGrad[j]);
            }
        }
    }

    [Fact]
    public void InputGrad_WithoutBiasGrad_LeavesItOut()
    {
        float[] g = [1f, 2f, 3f, 4f];
        BatchNormKernels.InputGrad(g, new float[4], 2, 2, [1f, 1f], [0.5, 0.5], [0.0, 0.0], []);
        Assert.Equal([0.5f, 1.5f, 2.5f, 3.5f], g);
    }
}
