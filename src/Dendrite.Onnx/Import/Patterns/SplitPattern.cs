namespace Dendrite.Onnx.Import.Patterns;

/// <summary>
/// Output <paramref name="Index"/> (0 = first half a, 1 = second half b) of a Split of <paramref name="Input"/> into
/// two equal halves along the last dimension, as gated activations use it.
/// </summary>
/// <param name="Index">Which half.</param>
/// <param name="Input">The pattern of the split value.</param>
internal sealed record SplitPattern(int Index, Pattern Input) : Pattern;
