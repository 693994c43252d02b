using System.Numerics.Tensors;

namespace Dendrite.Optim;

/// <summary>
/// Heavy-ball momentum as a reusable part (PyTorch's SGD semantics, also used by RMSprop):
/// buf ← x on the first step, otherwise buf ← μ·buf + (1 − dampening)·x. The optimizer then steps along buf, or,
/// with Nesterov, along x + μ·buf.
/// </summary>
public static class Momentum
{
    /// <summary>Updates the velocity <paramref name="buffer"/> in place from the direction <paramref name="x"/>.</summary>
    public static void Accumulate(Span<float> buffer, ReadOnlySpan<float> x, float momentum, float dampening, bool firstStep)
    {
        if (x.Length != buffer.Length) throw new ArgumentException("buffer and direction lengths differ", nameof(x));
        if (firstStep)
        {
            // PyTorch clones the first gradient rather than damping it, so the first step is a full SGD step.
            x.CopyTo(buffer);
            return;
        }
        TensorPrimitives.Multiply(buffer, momentum, buffer);
        TensorPrimitives.MultiplyAdd(x, 1f - dampening, buffer, buffer);
    }

    /// <summary>The Nesterov look-ahead direction: result = x + μ·buf.</summary>
    public static void NesterovDirection(ReadOnlySpan<float> x, ReadOnlySpan<float> buffer, float momentum, Span<float> result) =>
        TensorPrimitives.MultiplyAdd(buffer, momentum, x, result);
}
