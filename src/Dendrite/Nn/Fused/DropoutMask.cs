using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Dendrite.Random;

namespace Dendrite.Nn.Fused;

/// <summary>
/// Inverted dropout over a buffer, drawing exactly as <see cref="Functional.F.Dropout"/> does (one uniform per
/// element in row-major order; dropped when u &lt; p, kept ones scaled by 1/(1−p)), so the fused plan and the
/// autograd graph consume the same random stream and produce the same masks.
/// </summary>
internal static class DropoutMask
{
    /// <summary>mask[i] = 0 or 1/(1−p) drawn from <paramref name="rng"/>; output[i] = input[i]·mask[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(Rng rng, float p, ReadOnlySpan<float> input, Span<float> mask, Span<float> output)
    {
        float scale = 1f / (1f - p);
        for (int i = 0; i < mask.Length; i++) mask[i] = rng.NextFloat() < p ? 0f : scale;
        TensorPrimitives.Multiply(input, mask, output);
    }
}
