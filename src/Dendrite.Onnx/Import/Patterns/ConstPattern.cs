namespace Dendrite.Onnx.Import.Patterns;

/// <summary>
/// A constant whose elements are all equal: to <paramref name="Expected"/> (within float rounding) when given, and
/// captured under <paramref name="Capture"/> when given (a second capture of the same name must agree).
/// </summary>
/// <param name="Capture">Name the value is captured under, or null.</param>
/// <param name="Expected">The value required, or null for any.</param>
internal sealed record ConstPattern(string? Capture, double? Expected) : Pattern;
