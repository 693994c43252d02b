using System.Runtime.CompilerServices;
using Dendrite.Kernels.Elementwise;
using Dendrite.Random;

namespace Dendrite.Nn.Fused;

/// <summary>
/// Inverted dropout over a buffer, shared by <see cref="Functional.F.Dropout"/> and the fused plan so both produce
/// the same masks: one 64-bit key is drawn from the layer's stream per call, and element i (row-major) is dropped
/// when the counter-based hash of (key, i) falls below p (see <see cref="DropoutKernel"/>); kept ones are scaled by
/// 1/(1−p). The stream advancing by exactly one draw per call keeps checkpoints resume-exact, and the mask does not
/// depend on the thread count or the instruction set.
/// </summary>
internal static class DropoutMask
{
    /// <summary>mask[i] = 0 or 1/(1−p) keyed by one draw from <paramref name="rng"/>; output[i] = input[i]·mask[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(Rng rng, float p, ReadOnlySpan<float> input, Span<float> mask, Span<float> output) =>
        DropoutKernel.Apply(rng.NextUInt64(), p, input, mask, output);
}
