using Dendrite.Autograd;
using Dendrite.Tensors;

namespace Dendrite.Nn.Functional;

public static partial class F
{
    /// <summary>
    /// Layer normalization over the last dimension (size D) of x [..., D], as one fused op:
    /// y = γ⊙x̂ + β with x̂ = (x − μ)/√(σ² + ε), μ and σ² (biased, ÷ D) taken over each row of D values.
    /// Backward per row, with ĝ = γ⊙dy: dx = (1/σ̂)/D · (D·ĝ − Σĝ − x̂·Σ(ĝ⊙x̂)); dγ = Σ_rows dy⊙x̂, dβ = Σ_rows dy.
    /// <paramref name="weight"/> and <paramref name="bias"/> are [D] or null. Row statistics use double.
    /// </summary>
    /// <exception cref="ShapeMismatchException">x is 0-d or γ/β are not [D].</exception>
    public static Tensor LayerNorm(Tensor x, Tensor? weight, Tensor? bias, float eps = 1e-5f)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank == 0) throw new ShapeMismatchException("layer_norm needs at least one dimension, got a 0-d tensor");
        int d = x.Dim(-1);
        int rows = d == 0 ? 0 : x.Size / d;
        CheckPerFeature("layer_norm weight", weight, d);
        CheckPerFeature("layer_norm bias", bias, d);

        float[] xd = x.Data;
        var xHat = new float[x.Size];
        var invStd = new float[rows];
        var y = Tensor.Zeros(x.ShapeArray);
        float[] yd = y.Data;
        float[]? gamma = weight?.Data, beta = bias?.Data;
        for (int r = 0; r < rows; r++)
        {
            int off = r * d;
            double mean = 0;
            for (int k = 0; k < d; k++) mean += xd[off + k];
            mean /= d;
            double sq = 0;
            for (int k = 0; k < d; k++) { double dev = xd[off + k] - mean; sq += dev * dev; }
            double inv = 1.0 / Math.Sqrt(sq / d + eps);
            invStd[r] = (float)inv;
            for (int k = 0; k < d; k++)
            {
                float h = (float)((xd[off + k] - mean) * inv);
                xHat[off + k] = h;
                yd[off + k] = (gamma is null ? h : gamma[k] * h) + (beta is null ? 0f : beta[k]);
            }
        }

        Tensor[] inputs = AffineInputs(x, weight, bias);
        if (AutogradContext.ShouldRecord(inputs))
        {
            int[] shape = x.ShapeArray;
            y.AttachGradFn("layer_norm", inputs, g =>
            {
                float[] gd = g.Data;
                var grads = new Tensor?[inputs.Length];
                var sumG = new double[d];
                var sumGx = new double[d];
                Tensor? gx = x.RequiresGrad ? Tensor.Zeros(shape) : null;
                for (int r = 0; r < rows; r++)
                {
                    int off = r * d;
                    double rowG = 0, rowGx = 0;
                    for (int k = 0; k < d; k++)
                    {
                        double gk = gd[off + k];
                        sumG[k] += gk;
                        sumGx[k] += gk * xHat[off + k];
                        double gh = gamma is null ? gk : gk * gamma[k];
                        rowG += gh;
                        rowGx += gh * xHat[off + k];
                    }
                    if (gx is null) continue;
                    rowG /= d;
                    rowGx /= d;
                    for (int k = 0; k < d; k++)
                    {
                        double gh = gamma is null ? gd[off + k] : (double)gd[off + k] * gamma[k];
                        gx.Data[off + k] = (float)(invStd[r] * (gh - rowG - xHat[off + k] * rowGx));
                    }
                }
                grads[0] = gx;
                FillAffineGrads(grads, weight, bias, sumGx, sumG);
                return grads;
            });
        }
        return y;
    }
}
