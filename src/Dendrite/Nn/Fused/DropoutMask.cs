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
    /// <summary>
    /// mask[i] = 0 or 1/(1−p) keyed by one draw from <paramref name="rng"/>; output[i] = input[i]·mask[i]. Element i's
    /// counter is <paramref name="rowOffset"/>·<paramref name="width"/> + i: a data-parallel rank holding rows
    /// [rowOffset, rowOffset + n) of a global batch draws the same key as every rank and so the same masks for those
    /// rows as one process running the whole batch (offset 0, the single-process case, is the plain counter i).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(Rng rng, float p, ReadOnlySpan<float> input, Span<float> mask, Span<float> output, int rowOffset = 0, int width = 0) =>
        DropoutKernel.Apply(rng.NextUInt64(), p, input, mask, output, unchecked((uint)rowOffset * (uint)width));
}
