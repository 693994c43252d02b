using Dendrite.Onnx.Protobuf;

namespace Dendrite.Onnx.Import.Patterns;

/// <summary>
/// Matches a <see cref="Pattern"/> against the computation of a value, walking from the value back through its
/// producers. Only nodes of <see cref="Region"/> may be matched, so a pattern never reaches past the block being read.
/// </summary>
internal sealed class PatternMatcher(GraphView view, IReadOnlySet<NodeProto> region)
{
    /// <summary>Relative tolerance for an expected constant: exporters write float32 roundings of √2, √(2/π), ….</summary>
    private const double ConstantTolerance = 1e-6;

    public IReadOnlySet<NodeProto> Region { get; } = region;

    /// <summary>Whether <paramref name="pattern"/> matches <paramref name="value"/>; on success <paramref name="match"/> holds the bindings.</summary>
    public bool Match(Pattern pattern, string value, PatternMatch match)
    {
        switch (pattern)
        {
            case VarPattern v:
                if (view.IsConstant(value)) return false;
                if (match.Vars.TryGetValue(v.Name, out string? bound)) return bound == value;
                match.Vars[v.Name] = value;
                return true;
            case ConstPattern c:
                {
                    if (!view.TryConstant(value, out ConstTensor constant) || constant.Uniform() is not float actual) return false;
                    if (c.Expected is double expected && Math.Abs(actual - expected) > ConstantTolerance * Math.Max(1, Math.Abs(expected))) return false;
                    if (c.Capture is null) return true;
                    if (match.Scalars.TryGetValue(c.Capture, out float earlier)) return earlier.Equals(actual);
                    match.Scalars[c.Capture] = actual;
                    return true;
                }
            case TensorPattern t:
                if (!view.TryConstant(value, out ConstTensor tensor)) return false;
                match.Tensors[t.Capture] = tensor;
                return true;
            case AnyPattern any:
                foreach (Pattern option in any.Options)
                {
                    PatternMatch trial = match.Clone();
                    if (!Match(option, value, trial)) continue;
                    match.CopyFrom(trial);
                    return true;
                }
                return false;
            case SplitPattern s:
                return MatchSplit(s, value, match);
            case OpPattern op:
                return MatchOp(op, value, match);
            default:
                throw new ArgumentException($"unknown pattern {pattern.GetType().Name}", nameof(pattern));
        }
    }

    private bool MatchOp(OpPattern op, string value, PatternMatch match)
    {
        if (view.Producer(value) is not { } node || !Region.Contains(node)) return false;
        if (node.OpType != op.Op || !GraphView.IsDefaultDomain(node) || node.Output.Count == 0 || node.Output[0] != value) return false;
        if (op.ExtraInputs ? node.Input.Count < op.Args.Length : node.Input.Count != op.Args.Length) return false;
        if (!op.Commutative) return MatchArgs(op, node, [0, 1, 2, 3, 4], match);
        PatternMatch trial = match.Clone();
        if (MatchArgs(op, node, [0, 1], trial))
        {
            match.CopyFrom(trial);
            return true;
        }
        return MatchArgs(op, node, [1, 0], match);
    }

    private bool MatchArgs(OpPattern op, NodeProto node, int[] order, PatternMatch match)
    {
        for (int i = 0; i < op.Args.Length; i++)
            if (!Match(op.Args[i], node.Input[order[i]], match)) return false;
        if (op.Check is not null && !op.Check(node, match, view)) return false;
        match.Nodes.Add(node);
        return true;
    }

    private bool MatchSplit(SplitPattern s, string value, PatternMatch match)
    {
        if (view.Producer(value) is not { } node || !Region.Contains(node)) return false;
        if (node.OpType != "Split" || !GraphView.IsDefaultDomain(node) || node.Output.Count != 2 || node.Output[s.Index] != value) return false;
        long axis = OnnxAttributes.Int(node, "axis", 0);
        // The halves of [batch, 2h] along the features: axis −1 or 1 (an MLP's values are 2-D).
        if (axis is not (-1 or 1)) return false;
        if (OnnxAttributes.Int(node, "num_outputs", 2) != 2) return false;
        if (OnnxAttributes.Ints(node, "split") is { } sizes && (sizes.Count != 2 || sizes[0] != sizes[1])) return false;
        if (node.Input.Count > 1 && node.Input[1].Length > 0)
        {
            if (!view.TryConstant(node.Input[1], out ConstTensor split) || split.Values.Length != 2 || split.Values[0] != split.Values[1]) return false;
        }
        if (!Match(s.Input, node.Input[0], match)) return false;
        match.Nodes.Add(node);
        return true;
    }
}
