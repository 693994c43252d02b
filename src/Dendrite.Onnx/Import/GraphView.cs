using Dendrite.Nn.Configs;
using Dendrite.Onnx.Protobuf;

namespace Dendrite.Onnx.Import;

/// <summary>
/// The graph seen as data flow: which node produces each value, which compute nodes consume it, and which values are
/// constants (initializers, Constant nodes, and Identity nodes of either, which PyTorch's exporter writes when two
/// buffers hold equal values). Constants are decoded on first use, through <see cref="TensorReader"/>'s checks.
/// </summary>
internal sealed class GraphView
{
    private readonly Dictionary<string, TensorProto> _initializers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeProto> _constantNodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConstTensor> _decoded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeProto> _producers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<NodeProto>> _consumers = new(StringComparer.Ordinal);
    private readonly HashSet<NodeProto> _compute = new(ReferenceEqualityComparer.Instance);
    private readonly ModelLimits _limits;

    public GraphView(GraphProto graph, string source, ModelLimits limits)
    {
        Graph = graph;
        Source = source;
        _limits = limits;
        foreach (TensorProto t in graph.Initializer)
            if (t.Name.Length == 0 || !_initializers.TryAdd(t.Name, t))
                throw new OnnxFormatException($"{source}: initializer '{Cut(t.Name)}' is unnamed or defined twice");
        var compute = new List<NodeProto>();
        foreach (NodeProto node in graph.Node)
        {
            if (node.Output.Count == 0 || node.Output[0].Length == 0)
                throw new OnnxFormatException($"{source}: {Describe(node)} has no output");
            foreach (string output in node.Output)
            {
                if (output.Length == 0) continue;
                if (_initializers.ContainsKey(output) || !_producers.TryAdd(output, node))
                    throw new OnnxFormatException($"{source}: value '{Cut(output)}' is produced twice (node '{Cut(node.Name)}')");
            }
            if (node.OpType == "Constant" && IsDefaultDomain(node) && node.Output.Count == 1) _constantNodes[node.Output[0]] = node;
            else if (node.OpType == "Identity" && IsDefaultDomain(node) && node.Input.Count == 1 && node.Output.Count == 1 && IsConstant(node.Input[0]))
                _aliases[node.Output[0]] = node.Input[0];
            else compute.Add(node);
        }
        ComputeNodes = compute;
        _compute.UnionWith(compute);
        foreach (NodeProto node in compute)
            foreach (string input in node.Input.Distinct(StringComparer.Ordinal))
            {
                if (input.Length == 0 || IsConstant(input)) continue;
                if (!_consumers.TryGetValue(input, out var list)) _consumers[input] = list = [];
                list.Add(node);
            }
    }

    public GraphProto Graph { get; }

    /// <summary>The file's path or label, which starts every message.</summary>
    public string Source { get; }

    /// <summary>Every node that computes something (not a Constant, not an Identity of a constant), in file order.</summary>
    public IReadOnlyList<NodeProto> ComputeNodes { get; }

    /// <summary>Whether <paramref name="value"/> is a constant of the graph.</summary>
    public bool IsConstant(string value) =>
        _initializers.ContainsKey(value) || _constantNodes.ContainsKey(value) || _aliases.ContainsKey(value);

    /// <summary>Whether <paramref name="value"/> is an initializer (a learned tensor, in PyTorch's files).</summary>
    public bool IsInitializer(string value) => _initializers.ContainsKey(Resolve(value));

    /// <summary>The constant's values, or false when <paramref name="value"/> is not a constant.</summary>
    public bool TryConstant(string value, out ConstTensor constant)
    {
        string name = Resolve(value);
        if (_decoded.TryGetValue(name, out constant!)) return true;
        if (_initializers.TryGetValue(name, out TensorProto? tensor))
            constant = TensorReader.Read(tensor, $"initializer '{Cut(name)}'", Source, _limits, learned: true);
        else if (_constantNodes.TryGetValue(name, out NodeProto? node)) constant = FromConstantNode(node);
        else return false;
        _decoded[name] = constant;
        return true;
    }

    /// <summary>The compute node producing <paramref name="value"/>, or null (a graph input, a constant).</summary>
    public NodeProto? Producer(string value) => _producers.TryGetValue(value, out NodeProto? node) && _compute.Contains(node) ? node : null;

    /// <summary>The compute nodes that take <paramref name="value"/> as an input.</summary>
    public IReadOnlyList<NodeProto> Consumers(string value) => _consumers.TryGetValue(value, out var list) ? list : [];

    /// <summary>Whether the node is of the default ONNX domain.</summary>
    public static bool IsDefaultDomain(NodeProto node) => node.Domain is "" or "ai.onnx";

    /// <summary>"'/0/Gemm' (Gemm)": how messages name a node.</summary>
    public static string Describe(NodeProto node) =>
        $"node '{Cut(node.Name.Length > 0 ? node.Name : node.Output.FirstOrDefault() ?? "?")}' ({(IsDefaultDomain(node) ? "" : node.Domain + ".")}{Cut(node.OpType)})";

    /// <summary>
    /// Echoed names stay short and on one line, whatever the file holds: control characters (a newline in a node
    /// name) are shown as \xNN escapes, and more than 60 characters are cut.
    /// </summary>
    public static string Cut(string text)
    {
        var sb = new System.Text.StringBuilder(Math.Min(text.Length, 64));
        foreach (char c in text.Length <= 60 ? text : text[..60])
        {
            if (char.IsControl(c)) sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            else sb.Append(c);
        }
        return text.Length <= 60 ? sb.ToString() : sb.Append('…').ToString();
    }

    private string Resolve(string value)
    {
        // Identity chains are followed a bounded number of steps (a cycle in a malformed file must not hang).
        for (int i = 0; i < 64 && _aliases.TryGetValue(value, out string? next); i++) value = next;
        return value;
    }

    private ConstTensor FromConstantNode(NodeProto node)
    {
        string what = $"the value of {Describe(node)}";
        AttributeProto attribute = node.Attribute.Count == 1
            ? node.Attribute[0]
            : throw new OnnxFormatException($"{Source}: {Describe(node)} has {node.Attribute.Count} attributes, expected one value");
        return attribute.Name switch
        {
            "value" when attribute.T is not null => TensorReader.Read(attribute.T, what, Source, _limits, learned: false),
            "value_float" => new ConstTensor([attribute.F], [], false),
            "value_floats" when attribute.Floats.Count <= _limits.MaxTensorElements => new ConstTensor([.. attribute.Floats], [attribute.Floats.Count], false),
            "value_int" => new ConstTensor([attribute.I], [], false),
            "value_ints" when attribute.Ints.Count <= _limits.MaxTensorElements => new ConstTensor([.. attribute.Ints.Select(i => (float)i)], [attribute.Ints.Count], false),
            _ => throw new OnnxUnsupportedException($"{Source}: {Describe(node)} holds a '{Cut(attribute.Name)}' constant; supported: value, value_float(s), value_int(s)"),
        };
    }
}
