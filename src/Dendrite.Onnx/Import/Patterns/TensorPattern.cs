namespace Dendrite.Onnx.Import.Patterns;

/// <summary>Any constant tensor, captured whole under <paramref name="Capture"/> (PReLU's slopes).</summary>
/// <param name="Capture">Name the tensor is captured under.</param>
internal sealed record TensorPattern(string Capture) : Pattern;
