using Dendrite.Onnx.Protobuf;

namespace Dendrite.Onnx.Import.Patterns;

/// <summary>
/// The first output of a node of the default domain with op type <paramref name="Op"/>, whose inputs match
/// <paramref name="Args"/> in order (either order for Add and Mul). <paramref name="Check"/> reads and checks the
/// node's attributes (and may capture them). With <paramref name="ExtraInputs"/>, inputs beyond the arguments are
/// left to the check (Clip's optional bounds).
/// </summary>
internal sealed record OpPattern(string Op, Pattern[] Args, Func<NodeProto, PatternMatch, GraphView, bool>? Check = null, bool ExtraInputs = false)
    : Pattern
{
    /// <summary>Add and Mul take their two operands in either order.</summary>
    public bool Commutative => Op is "Add" or "Mul" && Args.Length == 2;
}
