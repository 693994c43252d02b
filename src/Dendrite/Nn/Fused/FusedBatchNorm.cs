using Dendrite.Kernels.Normalization;
using Dendrite.Tensors;

namespace Dendrite.Nn.Fused;

/// <summary>
/// A <see cref="BatchNorm1d"/> inside a fused stage (Linear → BatchNorm1d → activation), with the semantics of
/// <see cref="Functional.F.BatchNorm"/>: training normalizes with the batch mean and biased variance (computed in
/// double) and updates the module's running statistics in place (r ← (1−m)·r + m·statistic, unbiased variance);
/// <see cref="FusedMlp.Predict"/> normalizes with the running statistics. Backward writes dγ, dβ and turns
/// g = dA into dZ, plus the preceding Linear's bias gradient. Per-feature scratch is allocated once here.
/// </summary>
internal sealed class FusedBatchNorm
{
    private readonly BatchNorm1d _module;
    private readonly float[] _mean, _invStd, _scale, _ones, _zeros;
    private readonly double[] _sumA, _sumB;

    public FusedBatchNorm(BatchNorm1d module)
    {
        _module = module;
        int c = module.Features;
        _mean = new float[c];
        _invStd = new float[c];
        _scale = new float[c];
        _ones = Enumerable.Repeat(1f, c).ToArray();
        _zeros = new float[c];
        _sumA = new double[c];
        _sumB = new double[c];
    }

    private ReadOnlySpan<float> Gamma => _module.Weight is { } w ? w.Data : _ones;

    private ReadOnlySpan<float> Beta => _module.Bias is { } b ? b.Data : _zeros;

    /// <summary>x [batch, features] (the Linear output, bias included) → x̂ in place; y = f(γx̂ + β).</summary>
    public void Forward(IStageKernels kernels, Span<float> x, int batch, bool training, Span<float> y)
    {
        int c = _module.Features;
        if (training)
        {
            if (batch < 2)
                throw new ShapeMismatchException(
                    $"batch_norm in training mode needs more than 1 value per feature, got input [{batch}, {c}]");
            BatchNormKernels.ColumnMoments(x, batch, c, _sumA, _sumB);
            _module.CountBatch();
            float m = _module.Momentum;
            float[] runningMean = _module.RunningMean.Data, runningVar = _module.RunningVar.Data;
            for (int j = 0; j < c; j++)
            {
                _mean[j] = (float)_sumA[j];
                _invStd[j] = (float)(1.0 / Math.Sqrt((_sumB[j] / batch) + _module.Eps));
                runningMean[j] = ((1f - m) * runningMean[j]) + (m * (float)_sumA[j]);
                runningVar[j] = ((1f - m) * runningVar[j]) + (m * (float)(_sumB[j] / (batch - 1)));
            }
        }
        else
        {
            float[] runningMean = _module.RunningMean.Data, runningVar = _module.RunningVar.Data;
            for (int j = 0; j < c; j++)
            {
                _mean[j] = runningMean[j];
                _invStd[j] = (float)(1.0 / Math.Sqrt((double)runningVar[j] + _module.Eps));
            }
        }
        kernels.NormalizeAffineActivation(x, batch, c, _mean, _invStd, Gamma, Beta, y);
    }

    /// <summary>
    /// dY (after the dropout mask) → dZ in place, through the activation and the training-mode normalization;
    /// writes dγ, dβ and, when <paramref name="linearBiasGrad"/> is not empty, Σ rows of dZ into it.
    /// </summary>
    public void Backward(IStageKernels kernels, ReadOnlySpan<float> xHat, ReadOnlySpan<float> y, Span<float> dy, int batch,
        Span<float> linearBiasGrad)
    {
        int c = _module.Features;
        ReadOnlySpan<float> gamma = Gamma;
        kernels.AffineActivationBackward(xHat, y, dy, batch, c, gamma, Beta, _sumA, _sumB);
        if (_module.Weight is { } w) WriteGrad(w, _sumB);
        if (_module.Bias is { } b) WriteGrad(b, _sumA);
        for (int j = 0; j < c; j++)
        {
            _scale[j] = gamma[j] * _invStd[j];
            _sumA[j] /= batch; // now the means Σg/n and Σg·x̂/n
            _sumB[j] /= batch;
        }
        BatchNormKernels.InputGrad(dy, xHat, batch, c, _scale, _sumA, _sumB, linearBiasGrad);
    }

    private static void WriteGrad(Parameter p, double[] values)
    {
        Span<float> g = FusedMlp.GradOf(p);
        for (int j = 0; j < g.Length; j++) g[j] = (float)values[j];
    }
}
