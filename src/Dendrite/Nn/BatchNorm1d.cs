using System.Globalization;
using Dendrite.Nn.Configs;
using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// Batch normalization for x [batch, features] (<see cref="F.BatchNorm"/>), with PyTorch's semantics and names:
/// training normalizes with the batch's statistics and updates <see cref="RunningMean"/>/<see cref="RunningVar"/>
/// (momentum m: r ← (1−m)·r + m·batch statistic, unbiased variance); evaluation normalizes with the running
/// statistics. Parameters "weight" (γ, ones) and "bias" (β, zeros) when affine; buffers "running_mean" (zeros)
/// and "running_var" (ones), and "num_batches_tracked" (a scalar count of training forwards, as PyTorch keeps it so
/// its state dicts load here strictly), exposed through <see cref="Module.NamedBuffers"/> for checkpoints.
/// Training with a batch of one throws, as in PyTorch.
/// </summary>
public sealed class BatchNorm1d : Module
{
    /// <summary>
    /// A batch-norm layer over <paramref name="features"/> channels in training mode, with γ = 1, β = 0, running mean 0
    /// and running variance 1. The defaults are torch.nn.BatchNorm1d's.
    /// </summary>
    /// <param name="features">C, the width of the input rows [batch, C].</param>
    /// <param name="eps">ε added to the variance before the square root (default 1e-5).</param>
    /// <param name="momentum">Weight m of the new batch in the running averages (default 0.1).</param>
    /// <param name="affine">Whether to learn γ and β ("weight", "bias"); without them y = x̂.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="features"/> ≤ 0, <paramref name="eps"/> ≤ 0 or NaN, or <paramref name="momentum"/> outside
    /// [0, 1] or NaN.
    /// </exception>
    public BatchNorm1d(int features, float eps = 1e-5f, float momentum = 0.1f, bool affine = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        if (!(eps > 0f)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be > 0");
        if (!(momentum >= 0f && momentum <= 1f)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be in [0, 1]");
        Features = features;
        Eps = eps;
        Momentum = momentum;
        Weight = affine ? new Parameter(Enumerable.Repeat(1f, features).ToArray(), features) : null;
        Bias = affine ? new Parameter(new float[features], features) : null;
        RunningMean = Tensor.Zeros(features);
        RunningVar = Tensor.Ones(features);
        NumBatchesTracked = Tensor.Zeros();
    }

    /// <summary>C, the number of features normalized (dimension 1 of the input).</summary>
    public int Features { get; }

    /// <summary>ε in x̂ = (x − μ)/√(σ² + ε); keeps a constant feature (σ² = 0) finite.</summary>
    public float Eps { get; }

    /// <summary>
    /// m in r ← (1 − m)·r + m·(batch statistic): PyTorch's convention, the weight of the new batch (not of the
    /// history). 0 freezes the running statistics; 1 keeps only the last batch.
    /// </summary>
    public float Momentum { get; }

    /// <summary>γ [features], or null when not affine.</summary>
    public Parameter? Weight { get; }

    /// <summary>β [features], or null when not affine.</summary>
    public Parameter? Bias { get; }

    /// <summary>Running mean [features]; updated in place by each training forward.</summary>
    public Tensor RunningMean { get; }

    /// <summary>Running (unbiased) variance [features]; updated in place by each training forward.</summary>
    public Tensor RunningVar { get; }

    /// <summary>
    /// Training forwards so far, a scalar tensor (shape []). PyTorch stores it as int64 and uses it only when momentum is
    /// None; here it is counted for state-dict parity and never read. Exact up to 2²⁴ batches (float32).
    /// </summary>
    public Tensor NumBatchesTracked { get; }

    /// <summary>
    /// y = γ·(x − μ)/√(σ² + ε) + β per feature, x [batch, C] → same shape (<see cref="F.BatchNorm"/>). In training mode
    /// μ, σ² are the batch's mean and biased variance, and the running statistics and
    /// <see cref="NumBatchesTracked"/> are updated in place; in evaluation mode the running statistics are used and
    /// nothing changes.
    /// </summary>
    /// <exception cref="ShapeMismatchException">
    /// <paramref name="input"/> is not [batch, C], or the batch has one row in training mode.
    /// </exception>
    public override Tensor Forward(Tensor input)
    {
        Tensor y = F.BatchNorm(input, RunningMean, RunningVar, Weight, Bias, IsTraining, Momentum, Eps);
        if (IsTraining) CountBatch();
        return y;
    }

    /// <summary>Adds one to <see cref="NumBatchesTracked"/> (the fused plan calls it for its training forwards).</summary>
    internal void CountBatch() => NumBatchesTracked.Data[0] += 1f;

    /// <summary>The input shape itself, which must be [batch, C].</summary>
    /// <exception cref="ShapeMismatchException"><paramref name="inputShape"/> is not [batch, C].</exception>
    public override int[] OutputShape(ReadOnlySpan<int> inputShape)
    {
        if (inputShape.Length != 2 || inputShape[1] != Features)
            throw new ShapeMismatchException($"{this} expects input [batch, {Features}], got {Tensor.Format(inputShape)}");
        return inputShape.ToArray();
    }

    /// <summary>"weight" (γ) and "bias" (β), both [C], when affine; none otherwise.</summary>
    protected override IEnumerable<NamedParameter> LocalParameters()
    {
        if (Weight is not null) yield return new NamedParameter("weight", Weight);
        if (Bias is not null) yield return new NamedParameter("bias", Bias);
    }

    /// <summary>
    /// "running_mean" and "running_var" [C], then "num_batches_tracked" [] — PyTorch's names and order, so its state
    /// dicts load strictly.
    /// </summary>
    protected override IEnumerable<NamedBuffer> LocalBuffers()
    {
        yield return new NamedBuffer("running_mean", RunningMean);
        yield return new NamedBuffer("running_var", RunningVar);
        yield return new NamedBuffer("num_batches_tracked", NumBatchesTracked);
    }

    /// <inheritdoc/>
    public override LayerConfig ToConfig() => new BatchNorm1dConfig(Features, Eps, Momentum, Weight is not null);

    /// <summary>
    /// PyTorch-like text, invariant culture, e.g. "BatchNorm1d(256, eps=1E-05, momentum=0.1, affine=True)".
    /// </summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"BatchNorm1d({Features}, eps={Eps}, momentum={Momentum}, affine={(Weight is null ? "False" : "True")})");
}
