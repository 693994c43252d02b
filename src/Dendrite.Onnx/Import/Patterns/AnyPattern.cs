namespace Dendrite.Onnx.Import.Patterns;

/// <summary>The first of <paramref name="Options"/> that matches (forms of one formula, such as x/√2 and x·(1/√2)).</summary>
/// <param name="Options">The alternatives, tried in order.</param>
internal sealed record AnyPattern(Pattern[] Options) : Pattern;
