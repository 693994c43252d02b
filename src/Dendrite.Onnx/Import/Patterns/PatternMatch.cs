using Dendrite.Onnx.Protobuf;

namespace Dendrite.Onnx.Import.Patterns;

/// <summary>What a match bound: variables to value names, captured scalars and tensors, and the nodes it covered.</summary>
internal sealed class PatternMatch
{
    public Dictionary<string, string> Vars { get; private init; } = new(StringComparer.Ordinal);

    public Dictionary<string, float> Scalars { get; private init; } = new(StringComparer.Ordinal);

    public Dictionary<string, ConstTensor> Tensors { get; private init; } = new(StringComparer.Ordinal);

    public HashSet<NodeProto> Nodes { get; private init; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>An independent copy, to try an alternative without disturbing this match.</summary>
    public PatternMatch Clone() => new()
    {
        Vars = new(Vars, StringComparer.Ordinal),
        Scalars = new(Scalars, StringComparer.Ordinal),
        Tensors = new(Tensors, StringComparer.Ordinal),
        Nodes = new(Nodes, ReferenceEqualityComparer.Instance),
    };

    /// <summary>Takes over everything <paramref name="other"/> bound (after a successful alternative).</summary>
    public void CopyFrom(PatternMatch other)
    {
        Vars.Clear();
        foreach (var p in other.Vars) Vars[p.Key] = p.Value;
        Scalars.Clear();
        foreach (var p in other.Scalars) Scalars[p.Key] = p.Value;
        Tensors.Clear();
        foreach (var p in other.Tensors) Tensors[p.Key] = p.Value;
        Nodes.Clear();
        Nodes.UnionWith(other.Nodes);
    }
}
