using Dendrite.Kernels.Reductions;
using Dendrite.Nn.Functional;
using Dendrite.Nn.Functional.Pointwise;
using Dendrite.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Dendrite.Nn.Fused;

// The loss at the end of a training step: softmax cross-entropy (optionally class-weighted) or a regression loss,
// each writing the output gradient the backward pass starts from.
public sealed partial class FusedMlp
{
    private void CheckTargets(LossTargets targets, int batch)
    {
        if (targets.IsRegression)
        {
            if (targets.Values.Length < (long)batch * OutputWidth)
                throw new ShapeMismatchException($"{targets.Values.Length} targets for a batch of {batch} × {OutputWidth} outputs");
            if (targets.Loss == RegressionLoss.Huber && !(targets.Delta > 0f && float.IsFinite(targets.Delta)))
                throw new ArgumentOutOfRangeException(nameof(targets), targets.Delta, "huber delta must be > 0");
            return;
        }
        if (targets.Labels.Length < batch) throw new ShapeMismatchException($"{targets.Labels.Length} labels for a batch of {batch}");
        if (!targets.ClassWeights.IsEmpty && targets.ClassWeights.Length != OutputWidth)
            throw new ShapeMismatchException($"{targets.ClassWeights.Length} class weights for {OutputWidth} classes");
    }

    /// <summary>The loss of the outputs (the last stage's output) against <paramref name="targets"/>; writes dOutputs.</summary>
    private FusedStepResult Loss(LossTargets targets, int batch)
    {
        if (targets.IsRegression) return RegressionLossStep(targets, batch);
        int last = _stages.Length - 1;
        int classes = OutputWidth;
        Span<float> lossRows = _lossPerRow.AsSpan(0, batch);
        ReadOnlySpan<int> labels = targets.Labels[..batch];
        ReadOnlySpan<float> weights = targets.ClassWeights;
        Span<float> dLogits = _gradients[last].AsSpan(0, batch * classes);
        int correct = SoftmaxCrossEntropy.Compute(
            _outputs[last].AsSpan(0, batch * classes), batch, classes, labels, lossRows, dLogits, weights.IsEmpty ? 1f / batch : 1f);
        if (weights.IsEmpty)
        {
            double lossSum = 0;
            foreach (float l in lossRows) lossSum += l;
            return new FusedStepResult(lossSum, correct);
        }
        // PyTorch's weighted mean: Σ wᵢ·ℓᵢ / Σ wᵢ, so row i's gradient is scaled by wᵢ / Σ w.
        double weightSum = 0, weighted = 0;
        for (int i = 0; i < batch; i++)
        {
            weightSum += weights[labels[i]];
            weighted += (double)weights[labels[i]] * lossRows[i];
        }
        for (int i = 0; i < batch; i++)
        {
            Span<float> row = dLogits.Slice(i * classes, classes);
            TensorPrimitives.Multiply(row, (float)(weights[labels[i]] / weightSum), row);
        }
        return new FusedStepResult(weighted / weightSum * batch, correct);
    }

    /// <summary>Mean regression loss over every output element (PyTorch's default reduction); dOut = ∂ℓ/∂p / (batch·outputs).</summary>
    private FusedStepResult RegressionLossStep(LossTargets targets, int batch) => targets.Loss switch
    {
        RegressionLoss.Mse => Pointwise(default(MseOp), targets.Values, batch),
        RegressionLoss.Huber => Pointwise(new HuberOp(targets.Delta), targets.Values, batch),
        RegressionLoss.L1 => Pointwise(default(L1Op), targets.Values, batch),
        _ => throw new ArgumentOutOfRangeException(nameof(targets), targets.Loss, "unknown regression loss"),
    };

    private FusedStepResult Pointwise<TLoss>(TLoss op, ReadOnlySpan<float> values, int batch) where TLoss : struct, IPointwiseLoss
    {
        int last = _stages.Length - 1, n = batch * OutputWidth;
        ReadOnlySpan<float> outputs = _outputs[last].AsSpan(0, n);
        Span<float> dOut = _gradients[last].AsSpan(0, n);
        float scale = 1f / n;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += op.Eval(outputs[i], values[i], i, out float dp, out _);
            dOut[i] = dp * scale;
        }
        // Per-sample losses averaged over the outputs, summed over the batch: LossSum / batch is the step's mean.
        return new FusedStepResult(sum / OutputWidth, 0);
    }
}
