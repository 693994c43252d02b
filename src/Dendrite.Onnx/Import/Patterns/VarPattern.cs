namespace Dendrite.Onnx.Import.Patterns;

/// <summary>A non-constant value, bound by name: every occurrence of the same name must be the same value.</summary>
/// <param name="Name">The variable ("x" is an activation's input).</param>
internal sealed record VarPattern(string Name) : Pattern;
