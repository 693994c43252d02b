namespace Dendrite.Onnx.Import.Patterns;

/// <summary>
/// A small expression pattern over ONNX values, matched backwards from a value to the nodes that computed it
/// (<see cref="PatternMatcher"/>): a variable, a constant, an op with argument patterns, one half of a Split, or
/// alternatives. Activation decompositions (GELU through Erf, SiLU as x·σ(x), …) are written as patterns, so the
/// same formula is recognised whatever order an exporter wrote the operands of Add and Mul in.
/// </summary>
internal abstract record Pattern;
