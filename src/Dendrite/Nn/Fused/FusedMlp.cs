using System.Runtime.CompilerServices;
using Dendrite.Kernels.Activations;
using Dendrite.Kernels.Gemm;
using Dendrite.Kernels.Reductions;
using Dendrite.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Dendrite.Nn.Fused;

/// <summary>
/// A compiled plan for a <see cref="Sequential"/> of Linear layers, each optionally followed by BatchNorm1d, an
/// elementwise activation and Dropout (optionally led by <see cref="Flatten"/>): the hot path of training and
/// inference, without an autograd graph.
/// <para>
/// Forward per layer: Z = X·Wᵀ (one GEMM reading W [out, in] transposed in place), then b and the activation in one
/// pass over Z (with batch norm: Z's column statistics, then x̂ and the affine map fused with the activation). The
/// loss is fused softmax + cross-entropy, which also writes dLogits and counts correct argmaxes.
/// Backward per layer: dW = dZᵀ·X and dX = dZ·W (GEMMs reading transposes in place), and the previous
/// activation's derivative fused with that layer's bias-gradient reduction (with batch norm: with the dγ, dβ sums,
/// then dZ and the Linear's bias gradient in a second pass). Activations whose derivative needs the input (GELU,
/// SiLU, …) keep Z beside the output; under batch norm the kept x̂ serves, γx̂ + β being recomputed in backward.
/// </para>
/// <para>
/// All buffers live here and grow only when a larger batch arrives, so after the first step a training step
/// allocates nothing. Gradients are written (not added) into each parameter's <see cref="Tensor.Grad"/>, so a step
/// is "zero grad + forward + backward"; any optimizer then reads them as usual. Results are bit-identical for any
/// kernel thread count (GEMM splits output tiles, never the summation). Not thread-safe: one plan per thread.
/// </para>
/// <para>
/// A plan with one hidden layer of at least 128 units and no batch norm or dropout (the classic MLP) trains by
/// parts of the hidden layer instead, each thread keeping its parts from the first GEMM to the last (see
/// FusedMlp.HiddenParts.cs); its logits then sum per-part products, so they can differ in the last bits from
/// the plain plan's, never between thread counts.
/// </para>
/// The parameters are shared with the module: the plan and the module always see the same weights.
/// </summary>
public sealed partial class FusedMlp
{
    private readonly DenseStage[] _stages;
    private readonly FusedBatchNorm?[] _norms;
    private float[][] _outputs = [];   // per stage: activation output [capacity, out]
    private float[]?[] _pre = [];      // per stage that keeps it: Z, or x̂ under batch norm [capacity, out]
    private float[][] _gradients = []; // per stage: dZ [capacity, out]
    private float[]?[] _dropped = [];  // per stage with dropout: the output after the mask [capacity, out]
    private float[]?[] _masks = [];    // per stage with dropout: 0 or 1/(1−p) [capacity, out]
    private float[] _lossPerRow = [];
    private int _capacity;

    private FusedMlp(DenseStage[] stages)
    {
        _stages = stages;
        _norms = [.. stages.Select(st => st.Norm is null ? null : new FusedBatchNorm(st.Norm))];
        _parts = HiddenParts(stages);
        InputWidth = stages[0].Layer.InFeatures;
        OutputWidth = stages[^1].Layer.OutFeatures;
    }

    /// <summary>Input features per sample.</summary>
    public int InputWidth { get; }

    /// <summary>Outputs (logits) per sample.</summary>
    public int OutputWidth { get; }

    /// <summary>
    /// Compiles <paramref name="model"/> when it is a Linear, or a Sequential of an optional leading Flatten and
    /// Linear layers each optionally followed by BatchNorm1d, then by an activation whose registry entry has a fused
    /// kernel (ReLU, Sigmoid, Tanh, GELU either way, SiLU, Mish; LeakyReLU, ELU/CELU, Softplus with default
    /// parameters: see <see cref="IsFusable"/>) and then by Dropout, ending in a Linear. Returns null for anything else (callers
    /// then use the autograd path). Dropout is applied and batch statistics are used (and the running ones updated)
    /// in <see cref="TrainStep(ReadOnlySpan{float}, ReadOnlySpan{int}, int)"/>; <see cref="Predict"/> skips dropout and normalizes with the running statistics,
    /// as in train and eval mode.
    /// </summary>
    public static FusedMlp? TryCompile(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        IReadOnlyList<Module> modules = model is Sequential seq ? seq.NamedChildren().Select(c => c.Module).ToList() : [model];
        var stages = new List<DenseStage>();
        int i = 0;
        if (modules.Count > 0 && modules[0] is Flatten) i++;
        while (i < modules.Count)
        {
            if (modules[i] is not Linear linear) return null;
            i++;
            BatchNorm1d? norm = null;
            if (i < modules.Count && modules[i] is BatchNorm1d bn)
            {
                if (bn.Features != linear.OutFeatures) return null;
                norm = bn;
                i++;
            }
            IStageKernels act = DenseStage.Identity;
            if (i < modules.Count && ActivationRegistry.FusedKernelsOf(modules[i]) is { } a)
            {
                act = a;
                i++;
            }
            Dropout? dropout = null;
            if (i < modules.Count && modules[i] is Dropout d)
            {
                dropout = d.P > 0f ? d : null;
                i++;
            }
            if (stages.Count > 0 && stages[^1].Layer.OutFeatures != linear.InFeatures) return null;
            stages.Add(new DenseStage(linear, act, dropout, norm));
        }
        if (stages.Count == 0 || stages[^1].HasActivation || stages[^1].Dropout is not null
            || stages[^1].Norm is not null) return null;
        return new FusedMlp([.. stages]);
    }

    /// <summary>Whether <paramref name="activation"/> has a fused form (see <see cref="TryCompile"/>).</summary>
    public static bool IsFusable(Module activation)
    {
        ArgumentNullException.ThrowIfNull(activation);
        return ActivationRegistry.IsFusable(activation);
    }

    /// <summary>
    /// One training step on a batch: forward, mean softmax cross-entropy against <paramref name="labels"/>, and
    /// backward into every parameter's Grad (overwritten). <paramref name="input"/> is [batch, InputWidth].
    /// </summary>
    public FusedStepResult TrainStep(ReadOnlySpan<float> input, ReadOnlySpan<int> labels, int batch) =>
        TrainStep(input, LossTargets.Classes(labels), batch);

    /// <summary>
    /// One training step against <paramref name="targets"/> (class labels for cross-entropy, or float targets for a
    /// regression loss): forward, the loss, and backward into every parameter's Grad (overwritten).
    /// <paramref name="input"/> is [batch, InputWidth].
    /// </summary>
    public FusedStepResult TrainStep(ReadOnlySpan<float> input, LossTargets targets, int batch)
    {
        CheckBatch(input, batch);
        return TrainStepCore(input, [], targets, batch);
    }

    /// <summary>
    /// As <see cref="TrainStep(ReadOnlySpan{float}, ReadOnlySpan{int}, int)"/>, with sample i of the batch being row
    /// <c>rows[i]</c> of <paramref name="source"/> (a whole dataset, [N, InputWidth]). The first layer's GEMMs read
    /// those rows in place, so the batch is never copied out; the result is bit-identical to gathering it first.
    /// </summary>
    public FusedStepResult TrainStep(ReadOnlySpan<float> source, ReadOnlySpan<int> rows, ReadOnlySpan<int> labels, int batch) =>
        TrainStep(source, rows, LossTargets.Classes(labels), batch);

    /// <summary>As <see cref="TrainStep(ReadOnlySpan{float}, LossTargets, int)"/>, reading rows <paramref name="rows"/> of <paramref name="source"/> in place.</summary>
    public FusedStepResult TrainStep(ReadOnlySpan<float> source, ReadOnlySpan<int> rows, LossTargets targets, int batch)
    {
        if (batch <= 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "batch must be positive");
        if (rows.Length < batch) throw new ShapeMismatchException($"{rows.Length} row indices for a batch of {batch}");
        long sourceRows = source.Length / InputWidth;
        foreach (int r in rows[..batch])
            if ((uint)r >= (ulong)sourceRows)
                throw new ArgumentOutOfRangeException(nameof(rows), r, $"row index outside the source's {sourceRows} rows");
        return TrainStepCore(source, rows[..batch], targets, batch);
    }

    /// <summary>The step; <paramref name="rows"/> empty means input is the dense batch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private FusedStepResult TrainStepCore(ReadOnlySpan<float> input, ReadOnlySpan<int> rows, LossTargets targets, int batch)
    {
        CheckTargets(targets, batch);
        EnsureCapacity(batch);
        if (_parts.Length > 0) return TrainStepByParts(input, rows, targets, batch);
        ForwardCore(input, rows, batch, training: true);
        var result = Loss(targets, batch);
        Backward(input, rows, batch);
        return result;
    }

    /// <summary>Logits for <paramref name="input"/> [batch, InputWidth] written to <paramref name="logits"/> [batch, OutputWidth].</summary>
    public void Predict(ReadOnlySpan<float> input, int batch, Span<float> logits)
    {
        CheckBatch(input, batch);
        if (logits.Length < batch * OutputWidth)
            throw new ShapeMismatchException($"logits buffer has {logits.Length} values, needs {batch} × {OutputWidth}");
        EnsureCapacity(batch);
        ForwardCore(input, [], batch, training: false);
        _outputs[^1].AsSpan(0, batch * OutputWidth).CopyTo(logits);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForwardCore(ReadOnlySpan<float> input, ReadOnlySpan<int> rows, int batch, bool training)
    {
        // With row indices the first GEMM reads the source's rows in place (x stays the whole source for it).
        ReadOnlySpan<float> x = rows.IsEmpty ? input[..(batch * InputWidth)] : input;
        for (int s = 0; s < _stages.Length; s++)
        {
            DenseStage stage = _stages[s];
            Linear layer = stage.Layer;
            int inW = layer.InFeatures, outW = layer.OutFeatures;
            Span<float> z = _outputs[s].AsSpan(0, batch * outW);
            Span<float> pre = stage.KeepsPreActivation ? _pre[s].AsSpan(0, batch * outW) : z;
            Sgemm.MultiplyRows(Transpose.No, Transpose.Yes, batch, outW, inW, x, inW, s == 0 ? rows : [], layer.Weight.Data, inW, [], 0f, pre, outW);
            if (_norms[s] is { } norm)
            {
                if (layer.Bias is { } b) ActivationKernels.BiasActivation<Identity>(pre, batch, outW, b.Data);
                norm.Forward(stage.Kernels, pre, batch, training, z);
            }
            else if (stage.KeepsPreActivation)
            {
                if (layer.Bias is { } b) stage.Kernels.BiasActivation(pre, batch, outW, b.Data, z);
                else stage.Kernels.Activation(pre, z);
            }
            else if (layer.Bias is { } b) stage.Kernels.BiasActivation(z, batch, outW, b.Data);
            else stage.Kernels.Activation(z, z);
            x = z;
            if (training && stage.Dropout is { } dropout)
            {
                Span<float> kept = _dropped[s].AsSpan(0, batch * outW);
                DropoutMask.Apply(dropout.Rng, dropout.P, z, _masks[s].AsSpan(0, batch * outW), kept, dropout.RowOffset, outW);
                x = kept;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Backward(ReadOnlySpan<float> input, ReadOnlySpan<int> rows, int batch)
    {
        int last = _stages.Length - 1;
        {
            Linear outLayer = _stages[last].Layer;
            Span<float> dLogits = _gradients[last].AsSpan(0, batch * outLayer.OutFeatures);
            if (outLayer.Bias is { } b) _stages[last].Kernels.BackwardWithBiasGrad(dLogits, dLogits, batch, outLayer.OutFeatures, GradOf(b));
        }
        for (int s = last; s >= 0; s--)
        {
            Linear layer = _stages[s].Layer;
            int inW = layer.InFeatures, outW = layer.OutFeatures;
            ReadOnlySpan<float> dz = _gradients[s].AsSpan(0, batch * outW);
            ReadOnlySpan<float> x = s > 0 ? LayerInput(s, batch * inW) : rows.IsEmpty ? input[..(batch * inW)] : input;
            // dW [out, in] = dZᵀ [out, batch] · X [batch, in]
            Sgemm.MultiplyRows(Transpose.Yes, Transpose.No, outW, inW, batch, dz, outW, [], x, inW, s == 0 ? rows : [], 0f, GradOf(layer.Weight), inW);
            if (s == 0) break; // no gradient is needed for the data
            // dX [batch, in] = dZ [batch, out] · W [out, in], then through the previous activation.
            Span<float> dx = _gradients[s - 1].AsSpan(0, batch * inW);
            Sgemm.Multiply(Transpose.No, Transpose.No, batch, inW, outW, dz, outW, layer.Weight.Data, inW, 0f, dx, inW);
            DenseStage prev = _stages[s - 1];
            if (prev.Dropout is not null) TensorPrimitives.Multiply(dx, _masks[s - 1].AsSpan(0, batch * inW), dx);
            ReadOnlySpan<float> y = _outputs[s - 1].AsSpan(0, batch * inW);
            ReadOnlySpan<float> pre = prev.KeepsPreActivation ? _pre[s - 1].AsSpan(0, batch * inW) : y;
            if (_norms[s - 1] is { } norm)
                norm.Backward(prev.Kernels, pre, y, dx, batch, prev.Layer.Bias is { } nb ? GradOf(nb) : []);
            else if (prev.Layer.Bias is { } pb) prev.Kernels.BackwardWithBiasGrad(pre, dx, batch, inW, GradOf(pb));
            else prev.Kernels.Backward(pre, dx);
        }
    }

    /// <summary>What stage <paramref name="s"/> read in the training forward: the previous output, after its dropout.</summary>
    private ReadOnlySpan<float> LayerInput(int s, int length) =>
        _stages[s - 1].Dropout is null ? _outputs[s - 1].AsSpan(0, length) : _dropped[s - 1].AsSpan(0, length);

    /// <summary>p.Grad's storage, allocated on first use and then reused (written, not accumulated, by a step).</summary>
    internal static Span<float> GradOf(Parameter p)
    {
        if (p.Grad is null || p.Grad.Size != p.Size) p.Grad = Tensor.Zeros(p.ShapeArray);
        return p.Grad.Data;
    }

    private void CheckBatch(ReadOnlySpan<float> input, int batch)
    {
        if (batch <= 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "batch must be positive");
        if (input.Length < (long)batch * InputWidth)
            throw new ShapeMismatchException($"input has {input.Length} values, needs {batch} × {InputWidth}");
    }

    private void EnsureCapacity(int batch)
    {
        if (batch <= _capacity) return;
        _outputs = new float[_stages.Length][];
        _pre = new float[_stages.Length][];
        _gradients = new float[_stages.Length][];
        _dropped = new float[_stages.Length][];
        _masks = new float[_stages.Length][];
        for (int s = 0; s < _stages.Length; s++)
        {
            int size = batch * _stages[s].Layer.OutFeatures;
            _outputs[s] = new float[size];
            _gradients[s] = new float[size];
            if (_stages[s].KeepsPreActivation) _pre[s] = new float[size];
            if (_stages[s].Dropout is null) continue;
            _dropped[s] = new float[size];
            _masks[s] = new float[size];
        }
        _lossPerRow = new float[batch];
        _capacity = batch;
    }
}
