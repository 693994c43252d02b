using System.Numerics.Tensors;
using Dendrite.Tensors;

namespace Dendrite.Training.Distributed;

/// <summary>
/// Turns each rank's mean-loss gradients over its shard into the gradients of the mean loss over the global batch, in
/// one collective per step. Rank r's loss is a mean over its shard with normalizer b_r (its row count, or the sum of
/// its rows' class weights: <see cref="Objectives.Objective.LossNormalizer"/>), so its gradient g_r is scaled by b_r
/// (the sum over its rows), the ranks' sums are added, and the total is divided by B = Σ b_r: (Σ_r b_r·g_r) / B,
/// which is the single-process gradient up to the order of the float additions. Whether the local loss is finite and
/// b_r ride in the same buffer, so every rank learns B (and all stop together when one rank's loss is not finite)
/// without a second collective. When b_r and B are powers of two the two scalings are exact.
/// </summary>
internal sealed class GradientAllReduce
{
    private readonly IDataParallelGroup _group;
    private readonly IReadOnlyList<Parameter> _parameters;
    private readonly float[] _buffer;

    public GradientAllReduce(IDataParallelGroup group, IReadOnlyList<Parameter> parameters)
    {
        _group = group;
        _parameters = parameters;
        long total = parameters.Sum(p => (long)p.Size) + 2;
        if (total > Array.MaxLength) throw new DendriteException($"the model has too many parameters ({total - 2:N0}) for one reduction buffer");
        _buffer = new float[total];
    }

    /// <summary>Values per reduction: every parameter's gradient, the loss flag and the normalizer (× 4 bytes on the wire).</summary>
    public int Length => _buffer.Length;

    /// <summary>
    /// Reduces the gradients in place (a parameter without a gradient counts as zeros and receives one); returns 0
    /// when every rank's loss was finite, else a non-finite value, and the global batch's normalizer B.
    /// </summary>
    public (float NonFinite, float Normalizer) Reduce(double localLossSum, float localNormalizer)
    {
        Span<float> buffer = _buffer;
        int offset = 0;
        foreach (Parameter p in _parameters)
        {
            Span<float> into = buffer.Slice(offset, p.Size);
            if (p.Grad is null || localNormalizer == 0) into.Clear();
            else TensorPrimitives.Multiply(p.Grad.Data.AsSpan(0, p.Size), localNormalizer, into);
            offset += p.Size;
        }
        // Only whether the loss is finite travels: a float could not hold every finite double loss sum.
        buffer[offset] = double.IsFinite(localLossSum) ? 0f : (float)localLossSum;
        buffer[offset + 1] = localNormalizer;
        _group.Sum(buffer);
        float total = buffer[offset + 1];
        offset = 0;
        foreach (Parameter p in _parameters)
        {
            if (p.Grad is null || p.Grad.Size != p.Size) p.Grad = Dendrite.Tensors.Tensor.Zeros(p.ShapeArray);
            // Dividing rather than multiplying by 1/B, as the loss's own mean does.
            TensorPrimitives.Divide(buffer.Slice(offset, p.Size), total == 0 ? 1f : total, p.Grad.Data.AsSpan(0, p.Size));
            offset += p.Size;
        }
        return (buffer[offset], total);
    }
}
