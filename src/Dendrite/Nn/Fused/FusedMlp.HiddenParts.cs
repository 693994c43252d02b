using System.Runtime.CompilerServices;
using Dendrite.Kernels.Activations;
using Dendrite.Kernels.Gemm;
using Dendrite.Kernels.Threading;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Dendrite.Nn.Fused;

/// <summary>
/// The training step of a one-hidden-layer plan (Linear → activation → Linear, no batch norm or dropout), with the
/// hidden units cut into fixed parts and each kernel thread owning a contiguous group of parts from the first GEMM
/// to the last: its rows of W1 and dW1, its columns of W2 and dW2, and its own [batch, group width] buffers of Z,
/// H and dZ. Two jobs per step, dealt (<see cref="ParallelFor.RunDealt"/>) so that group g runs on thread g step
/// after step, and in between the caller sums the logits and takes the loss. A thread then reads what another
/// wrote only for the logits' partial products, dLogits and the output layer's small weights.
/// <para>
/// Why own buffers per group, not column blocks of one [batch, hidden] buffer: when two cores write interleaved
/// blocks of the same rows, each core's hardware prefetch takes lines of the other's block, and every write then
/// has to take them back. Measured on the 2-core VM (bench/README.md, session 8): a ReLU pass over one core's own
/// 128 KB took 1.8 µs alone and 6.5 µs while the other core wrote the other columns of the same rows, and ~20 µs
/// inside the step in the minutes when moving a line between the cores is slow.
/// </para>
/// <para>
/// The output layer's product over the hidden units is summed per part (a GEMM over that part's k range), then the
/// parts in order: so the logits' rounding depends on the hidden width only, never on how many threads ran, and
/// every other value is one FMA chain as in the plain plan. One thread runs the same parts in one group.
/// </para>
/// </summary>
public sealed partial class FusedMlp
{
    /// <summary>Hidden units per part, at least: fewer than two parts leave the plan on the plain path.</summary>
    private const int PartWidth = 64;

    /// <summary>Most parts: the largest thread count that still gets one group each.</summary>
    private const int MaxParts = 8;

    /// <summary>Part boundaries over the hidden units (parts + 1 entries, multiples of 16 floats), or empty.</summary>
    private readonly int[] _parts;

    private AlignedArray[] _partials = []; // per part: the output layer's product over that part's hidden units [batch, out]
    private GroupBuffers[] _groups = [];   // per group of the current split: its Z, H and dZ
    private int _groupCapacity;            // batch rows the group buffers hold
    private PartWork? _partWork;

    // The running step, read by the items: the input's pinned address, so a worker can build its spans.
    private unsafe float* _stepInput;
    private unsafe int* _stepRows;
    private int _stepInputLength, _stepRowCount, _stepBatch;
    private bool _stepBackward;

    /// <summary>The part boundaries for <paramref name="stages"/>, or empty when the plan does not take this path.</summary>
    private static int[] HiddenParts(DenseStage[] stages)
    {
        if (stages.Length != 2 || stages[0].Norm is not null || stages[0].Dropout is not null) return [];
        int hidden = stages[0].Layer.OutFeatures;
        int parts = Math.Min(MaxParts, hidden / PartWidth);
        if (parts < 2) return [];
        var bounds = new int[parts + 1];
        for (int p = 1; p < parts; p++) bounds[p] = (int)((long)hidden * p / parts) / 16 * 16;
        bounds[parts] = hidden;
        return bounds;
    }

    /// <summary>Number of parts the hidden units are cut into (0: the plain path). For tests.</summary>
    internal int HiddenPartCount => Math.Max(0, _parts.Length - 1);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe FusedStepResult TrainStepByParts(ReadOnlySpan<float> input, ReadOnlySpan<int> rows, LossTargets targets, int batch)
    {
        // Items run on worker threads, so every gradient buffer must exist before they start.
        foreach (DenseStage stage in _stages)
        {
            GradOf(stage.Layer.Weight);
            if (stage.Layer.Bias is { } b) GradOf(b);
        }
        int groups = Math.Min(KernelThreads.Count, _parts.Length - 1);
        EnsureGroups(groups, batch);
        PartWork work = _partWork ??= new PartWork(this);
        fixed (float* pin = input)
        fixed (int* prows = rows)
        {
            _stepInput = pin;
            _stepRows = prows;
            (_stepInputLength, _stepRowCount, _stepBatch) = (input.Length, rows.Length, batch);
            try
            {
                _stepBackward = false;
                ParallelFor.RunDealt(work, groups, groups);
                SumLogits(batch);
                FusedStepResult result = Loss(targets, batch);
                Linear outLayer = _stages[1].Layer;
                Span<float> dLogits = _gradients[1].AsSpan(0, batch * OutputWidth);
                if (outLayer.Bias is { } ob) _stages[1].Kernels.BackwardWithBiasGrad(dLogits, dLogits, batch, OutputWidth, GradOf(ob));
                _stepBackward = true;
                ParallelFor.RunDealt(work, groups, groups);
                return result;
            }
            finally
            {
                _stepInput = null;
                _stepRows = null;
            }
        }
    }

    /// <summary>
    /// Cuts the parts into <paramref name="groups"/> contiguous groups and makes each group's buffers hold
    /// <paramref name="batch"/> rows: allocated when the batch grows or the thread count changes, never in the steady state.
    /// </summary>
    private void EnsureGroups(int groups, int batch)
    {
        if (groups == _groups.Length && batch <= _groupCapacity) return;
        int parts = _parts.Length - 1, capacity = Math.Max(batch, _groupCapacity);
        bool keepsZ = _stages[0].KeepsPreActivation;
        var split = new GroupBuffers[groups];
        for (int g = 0; g < groups; g++)
        {
            int p0 = (int)((long)parts * g / groups), p1 = (int)((long)parts * (g + 1) / groups);
            int size = capacity * (_parts[p1] - _parts[p0]);
            split[g] = new GroupBuffers(p0, p1, new AlignedArray(size), keepsZ ? new AlignedArray(size) : null, new AlignedArray(size));
        }
        if (batch > _groupCapacity) // also the first call: the capacity starts at 0
        {
            _partials = new AlignedArray[parts];
            for (int p = 0; p < parts; p++) _partials[p] = new AlignedArray(capacity * OutputWidth);
        }
        _groups = split;
        _groupCapacity = capacity;
    }

    /// <summary>Logits = the parts' partial products summed in part order, plus the output bias.</summary>
    private void SumLogits(int batch)
    {
        int n = batch * OutputWidth;
        Span<float> logits = _outputs[1].AsSpan(0, n);
        _partials[0].AsSpan(0, n).CopyTo(logits);
        for (int p = 1; p < _partials.Length; p++) TensorPrimitives.Add(logits, _partials[p].AsSpan(0, n), logits);
        if (_stages[1].Layer.Bias is { } b) ActivationKernels.BiasActivation<Identity>(logits, batch, OutputWidth, b.Data);
    }

    /// <summary>Group <paramref name="group"/>'s share of the running step's forward or backward job.</summary>
    private unsafe void RunGroup(int group)
    {
        var input = new ReadOnlySpan<float>(_stepInput, _stepInputLength);
        var rows = new ReadOnlySpan<int>(_stepRows, _stepRowCount);
        ReadOnlySpan<float> x = rows.IsEmpty ? input[..(_stepBatch * InputWidth)] : input;
        if (_stepBackward) BackwardGroup(_groups[group], x, rows);
        else ForwardGroup(_groups[group], x, rows);
    }

    /// <summary>The group's H = f(X·W1ᵀ + b1) for its hidden units, and each of its parts' product with W2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForwardGroup(GroupBuffers group, ReadOnlySpan<float> x, ReadOnlySpan<int> rows)
    {
        DenseStage stage = _stages[0];
        Linear layer = stage.Layer, outLayer = _stages[1].Layer;
        int batch = _stepBatch, inW = layer.InFeatures, hidden = layer.OutFeatures, classes = outLayer.OutFeatures;
        int c0 = _parts[group.FirstPart], w = _parts[group.EndPart] - c0;
        Span<float> y = group.H.AsSpan(0, batch * w);
        Span<float> pre = group.Z is { } z ? z.AsSpan(0, batch * w) : y;
        Sgemm.MultiplyRows(Transpose.No, Transpose.Yes, batch, w, inW, x, inW, rows,
            layer.Weight.Data.AsSpan(c0 * inW, w * inW), inW, [], 0f, pre, w);
        if (layer.Bias is { } b)
        {
            if (group.Z is not null) stage.Kernels.BiasActivation(pre, batch, w, b.Data.AsSpan(c0, w), y);
            else stage.Kernels.BiasActivation(y, batch, w, b.Data.AsSpan(c0, w));
        }
        else stage.Kernels.Activation(pre, y);
        for (int p = group.FirstPart; p < group.EndPart; p++)
        {
            int k0 = _parts[p], kw = _parts[p + 1] - k0;
            Sgemm.Multiply(Transpose.No, Transpose.Yes, batch, classes, kw, group.H.AsSpan(k0 - c0, ((batch - 1) * w) + kw), w,
                outLayer.Weight.Data.AsSpan(k0, ((classes - 1) * hidden) + kw), hidden, 0f, _partials[p].AsSpan(0, batch * classes), classes);
        }
    }

    /// <summary>dW2, dH, dZ, db1 and dW1 for the group's hidden units (dLogits and db2 are ready).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BackwardGroup(GroupBuffers group, ReadOnlySpan<float> x, ReadOnlySpan<int> rows)
    {
        DenseStage stage = _stages[0];
        Linear layer = stage.Layer, outLayer = _stages[1].Layer;
        int batch = _stepBatch, inW = layer.InFeatures, hidden = layer.OutFeatures, classes = outLayer.OutFeatures;
        int c0 = _parts[group.FirstPart], w = _parts[group.EndPart] - c0;
        int w2Extent = ((classes - 1) * hidden) + w; // a [classes, w] block of W2 [classes, hidden]
        ReadOnlySpan<float> dLogits = _gradients[1].AsSpan(0, batch * classes);
        ReadOnlySpan<float> y = group.H.AsSpan(0, batch * w);
        // dW2[:, c0..] = dLogitsᵀ · H
        Sgemm.Multiply(Transpose.Yes, Transpose.No, classes, w, batch, dLogits, classes, y, w,
            0f, GradOf(outLayer.Weight).Slice(c0, w2Extent), hidden);
        // dH = dLogits · W2[:, c0..], then through the activation, with db1 for these units.
        Span<float> dz = group.DZ.AsSpan(0, batch * w);
        Sgemm.Multiply(Transpose.No, Transpose.No, batch, w, classes, dLogits, classes,
            outLayer.Weight.Data.AsSpan(c0, w2Extent), hidden, 0f, dz, w);
        ReadOnlySpan<float> saved = group.Z is { } z ? z.AsSpan(0, batch * w) : y;
        if (layer.Bias is { } b) stage.Kernels.BackwardWithBiasGrad(saved, dz, batch, w, GradOf(b).Slice(c0, w));
        else stage.Kernels.Backward(saved, dz);
        // dW1[c0.., :] = dZᵀ · X
        Sgemm.MultiplyRows(Transpose.Yes, Transpose.No, w, inW, batch, dz, w, [], x, inW, rows,
            0f, GradOf(layer.Weight).Slice(c0 * inW, w * inW), inW);
    }

    /// <summary>One group's parts (FirstPart..EndPart) and its own [batch, width] buffers: Z (when the activation keeps it), H, dZ.</summary>
    private sealed record GroupBuffers(int FirstPart, int EndPart, AlignedArray H, AlignedArray? Z, AlignedArray DZ);

    /// <summary>The step's jobs as <see cref="ParallelWork"/>: item g runs group g. Reused, so a step allocates nothing.</summary>
    private sealed class PartWork(FusedMlp owner) : ParallelWork
    {
        public override void Execute(int index) => owner.RunGroup(index);
    }
}
