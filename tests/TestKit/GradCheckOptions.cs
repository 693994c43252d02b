namespace Dendrite.TestKit;

/// <summary>
/// Step and tolerances of <see cref="GradCheck"/>. The defaults suit float32 ops on inputs of magnitude ~1 with
/// a few dozen elements; see <see cref="GradCheck"/> for where the numbers come from.
/// </summary>
/// <param name="Step">Central-difference step h (applied to float32 inputs; the step actually taken is used).</param>
/// <param name="AbsoluteTolerance">Allowed |analytic − numeric| for gradients near zero.</param>
/// <param name="RelativeTolerance">Allowed |analytic − numeric| / max(|analytic|, |numeric|) for larger ones.</param>
/// <param name="Seed">Seed of the random projection r.</param>
public sealed record GradCheckOptions(
    float Step = 1e-2f,
    double AbsoluteTolerance = 1e-3,
    double RelativeTolerance = 5e-3,
    ulong Seed = 12345);
