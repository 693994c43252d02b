using Dendrite.Autograd;
using Dendrite.Tensors;

namespace Dendrite.Nn.Functional;

public static partial class F
{
    /// <summary>
    /// Batch normalization of x [batch, features], per feature j, as one fused op (PyTorch's F.batch_norm):
    /// y = γⱼ·x̂ + βⱼ with x̂ = (x − μⱼ)/√(σ²ⱼ + ε).
    /// <para>Training: μ, σ² are the batch mean and biased variance (÷ batch). When running statistics are given
    /// they are updated in place: r_mean ← (1−m)·r_mean + m·μ, r_var ← (1−m)·r_var + m·σ²·n/(n−1) (unbiased, like
    /// PyTorch). Backward (closed form, per feature, with ĝ = γ·dy):
    /// dx = (1/σ̂)/n · (n·ĝ − Σĝ − x̂·Σ(ĝ·x̂)), dγ = Σ dy·x̂, dβ = Σ dy.</para>
    /// <para>Evaluation (<paramref name="training"/> false): μ, σ² are the running statistics, so the op is affine
    /// in x: dx = dy·γ/σ̂.</para>
    /// Statistics are accumulated in double. <paramref name="weight"/> and <paramref name="bias"/> are [features] or
    /// null (γ = 1, β = 0). No gradient flows into the running statistics.
    /// </summary>
    /// <exception cref="ShapeMismatchException">x is not [batch, features], a per-feature tensor has the wrong length,
    /// or training with a batch of one (the variance of one sample is 0 and its unbiased estimate undefined).</exception>
    /// <exception cref="ArgumentException">evaluation without running statistics.</exception>
    public static Tensor BatchNorm(Tensor x, Tensor? runningMean, Tensor? runningVar, Tensor? weight, Tensor? bias,
        bool training, float momentum = 0.1f, float eps = 1e-5f)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2)
            throw new ShapeMismatchException($"batch_norm needs input [batch, features], got {x.ShapeString}");
        int n = x.Dim(0), c = x.Dim(1);
        CheckPerFeature("batch_norm running_mean", runningMean, c);
        CheckPerFeature("batch_norm running_var", runningVar, c);
        CheckPerFeature("batch_norm weight", weight, c);
        CheckPerFeature("batch_norm bias", bias, c);
        if ((runningMean is null) != (runningVar is null))
            throw new ArgumentException("batch_norm needs both running_mean and running_var, or neither");
        if (training && n < 2)
            throw new ShapeMismatchException(
                $"batch_norm in training mode needs more than 1 value per feature, got input {x.ShapeString}");
        if (!training && runningMean is null)
            throw new ArgumentException("batch_norm in evaluation mode needs running statistics");

        float[] xd = x.Data;
        var mean = new float[c];
        var invStd = new float[c];
        if (training)
        {
            var sum = new double[c];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < c; j++) sum[j] += xd[i * c + j];
            var sq = new double[c];
            for (int j = 0; j < c; j++) sum[j] /= n;
            // Two passes (mean, then squared deviations) rather than E[x²] − E[x]², which cancels badly
            // when |mean| ≫ std.
            for (int i = 0; i < n; i++)
                for (int j = 0; j < c; j++) { double d = xd[i * c + j] - sum[j]; sq[j] += d * d; }
            for (int j = 0; j < c; j++)
            {
                double var = sq[j] / n;
                mean[j] = (float)sum[j];
                invStd[j] = (float)(1.0 / Math.Sqrt(var + eps));
                if (runningMean is not null)
                {
                    runningMean.Data[j] = (1f - momentum) * runningMean.Data[j] + momentum * (float)sum[j];
                    runningVar!.Data[j] = (1f - momentum) * runningVar.Data[j] + momentum * (float)(sq[j] / (n - 1));
                }
            }
        }
        else
        {
            for (int j = 0; j < c; j++)
            {
                mean[j] = runningMean!.Data[j];
                invStd[j] = (float)(1.0 / Math.Sqrt((double)runningVar!.Data[j] + eps));
            }
        }

        var xHat = new float[n * c];
        var y = Tensor.Zeros(n, c);
        float[] yd = y.Data;
        float[]? gamma = weight?.Data, beta = bias?.Data;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < c; j++)
            {
                int k = i * c + j;
                float h = (xd[k] - mean[j]) * invStd[j];
                xHat[k] = h;
                yd[k] = (gamma is null ? h : gamma[j] * h) + (beta is null ? 0f : beta[j]);
            }
        }

        Tensor[] inputs = AffineInputs(x, weight, bias);
        if (AutogradContext.ShouldRecord(inputs))
        {
            y.AttachGradFn("batch_norm", inputs, g =>
            {
                float[] gd = g.Data;
                var sumG = new double[c];
                var sumGx = new double[c];
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < c; j++)
                    {
                        int k = i * c + j;
                        sumG[j] += gd[k];
                        sumGx[j] += (double)gd[k] * xHat[k];
                    }
                }
                var grads = new Tensor?[inputs.Length];
                if (x.RequiresGrad)
                {
                    var gx = Tensor.Zeros(n, c);
                    float[] gxd = gx.Data;
                    for (int i = 0; i < n; i++)
                    {
                        for (int j = 0; j < c; j++)
                        {
                            int k = i * c + j;
                            float scale = (gamma is null ? 1f : gamma[j]) * invStd[j];
                            gxd[k] = training
                                ? scale * (float)(gd[k] - sumG[j] / n - xHat[k] * sumGx[j] / n)
                                : scale * gd[k];
                        }
                    }
                    grads[0] = gx;
                }
                FillAffineGrads(grads, weight, bias, sumGx, sumG);
                return grads;
            });
        }
        return y;
    }

    private static void CheckPerFeature(string what, Tensor? t, int features)
    {
        if (t is not null && (t.Rank != 1 || t.Dim(0) != features))
            throw new ShapeMismatchException($"{what} must be [{features}], got {t.ShapeString}");
    }

    /// <summary>[x, weight?, bias?] in that order: the inputs of a normalization op.</summary>
    private static Tensor[] AffineInputs(Tensor x, Tensor? weight, Tensor? bias)
    {
        var list = new List<Tensor>(3) { x };
        if (weight is not null) list.Add(weight);
        if (bias is not null) list.Add(bias);
        return [.. list];
    }

    /// <summary>Writes dγ = Σ dy·x̂ and dβ = Σ dy into their slots after x's in <paramref name="grads"/>.</summary>
    private static void FillAffineGrads(Tensor?[] grads, Tensor? weight, Tensor? bias, double[] sumGx, double[] sumG)
    {
        int slot = 1;
        if (weight is not null)
        {
            if (weight.RequiresGrad) grads[slot] = new Tensor(Array.ConvertAll(sumGx, v => (float)v), sumGx.Length);
            slot++;
        }
        if (bias is not null && bias.RequiresGrad) grads[slot] = new Tensor(Array.ConvertAll(sumG, v => (float)v), sumG.Length);
    }
}
