namespace Dendrite.Random;

/// <summary>Serializable snapshot of an <see cref="Rng"/>.</summary>
/// <param name="S0">xoshiro256** state word 0.</param>
/// <param name="S1">State word 1.</param>
/// <param name="S2">State word 2.</param>
/// <param name="S3">State word 3.</param>
/// <param name="HasSpareNormal">Whether <see cref="Rng.NextNormal"/> holds the second deviate of its last pair.</param>
/// <param name="SpareNormal">That cached deviate (meaningless when <paramref name="HasSpareNormal"/> is false).</param>
public readonly record struct RngState(ulong S0, ulong S1, ulong S2, ulong S3, bool HasSpareNormal, float SpareNormal);
