using System.Numerics.Tensors;

namespace Dendrite.Kernels.Reductions;

/// <summary>Fused softmax + cross-entropy over row-major logits [rows, classes] with integer labels.</summary>
public static class SoftmaxCrossEntropy
{
    [ThreadStatic] private static float[]? t_scratch;

    /// <summary>
    /// For each row i: loss[i] = log Σ_c e^{z_c − max} − (z_label − max) (max subtracted so e^{·} never overflows,
    /// even for logits of ±1000), and, in the same pass when <paramref name="dLogits"/> is not empty,
    /// dLogits[i, c] = (softmax(z)_c − [c = label]) · scale (scale = 1/rows for a mean loss).
    /// dLogits may be the logits buffer itself. Returns how many rows have argmax(z) = label (first maximum wins),
    /// which gives training accuracy for free.
    /// </summary>
    /// <exception cref="ArgumentException">buffer sizes that do not match [rows, classes].</exception>
    /// <exception cref="ArgumentOutOfRangeException">a label outside 0..classes-1.</exception>
    public static int Compute(
        ReadOnlySpan<float> logits, int rows, int classes, ReadOnlySpan<int> labels,
        Span<float> lossPerRow, Span<float> dLogits, float scale)
    {
        if (rows < 0 || classes <= 0) throw new ArgumentOutOfRangeException(nameof(classes), $"shape [{rows}, {classes}] is invalid.");
        if (logits.Length < (long)rows * classes) throw new ArgumentException($"logits has length {logits.Length}, expected rows·classes = {rows}·{classes}.", nameof(logits));
        if (labels.Length < rows) throw new ArgumentException($"labels has length {labels.Length}, expected {rows}.", nameof(labels));
        if (lossPerRow.Length < rows) throw new ArgumentException($"lossPerRow has length {lossPerRow.Length}, expected {rows}.", nameof(lossPerRow));
        bool grad = !dLogits.IsEmpty;
        if (grad && dLogits.Length < (long)rows * classes) throw new ArgumentException($"dLogits has length {dLogits.Length}, expected rows·classes = {rows}·{classes}.", nameof(dLogits));

        int correct = 0;
        for (int i = 0; i < rows; i++)
        {
            int label = labels[i];
            if ((uint)label >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(labels), $"label {label} in row {i} is outside 0..{classes - 1}.");
            ReadOnlySpan<float> z = logits.Slice(i * classes, classes);
            // Read everything needed from z before e is written: e may alias z.
            float max = TensorPrimitives.Max(z);
            int argmax = TensorPrimitives.IndexOfMax(z);
            float zLabel = z[label];
            Span<float> e = grad ? dLogits.Slice(i * classes, classes) : Scratch(classes);
            TensorPrimitives.Subtract(z, max, e);
            TensorPrimitives.Exp(e, e);
            float sum = TensorPrimitives.Sum(e); // ≥ 1: the max element contributes e^0
            lossPerRow[i] = MathF.Log(sum) - (zLabel - max);
            if (grad)
            {
                TensorPrimitives.Multiply(e, scale / sum, e);
                e[label] -= scale;
            }
            if (argmax == label) correct++;
        }
        return correct;
    }

    private static Span<float> Scratch(int length)
    {
        if (t_scratch is null || t_scratch.Length < length) t_scratch = new float[length];
        return t_scratch.AsSpan(0, length);
    }
}
