using Dendrite.Nn.Configs;
using Dendrite.Onnx.Import.Patterns;
using Dendrite.Onnx.Protobuf;
using Dendrite.Tensors;

namespace Dendrite.Onnx.Import;

/// <summary>
/// Reads the graph as a chain of layers from its input to its first output, the way an MLP is exported: at each value
/// the node(s) that consume it must form one layer — Gemm, MatMul (+Add of a bias), Flatten, BatchNormalization,
/// LayerNormalization or its decomposition, an Identity or Dropout (skipped), or a block of elementwise ops that
/// <see cref="ActivationTemplates"/> reads as one or more activations. Nodes after the output (a Softmax head) are
/// allowed; anything else is refused with one line naming the op and the node.
/// </summary>
internal sealed class ChainImporter
{
    private readonly GraphView _view;
    private readonly HashSet<NodeProto> _consumed = new(ReferenceEqualityComparer.Instance);
    private readonly List<ImportedLayer> _layers = [];
    private readonly long? _inputWidth;
    private readonly string _output;
    private int _rank;

    private ChainImporter(GraphView view, int rank, long? inputWidth, string output)
    {
        _view = view;
        _rank = rank;
        _inputWidth = inputWidth;
        _output = output;
    }

    /// <summary>The layers from <paramref name="input"/> (of rank <paramref name="rank"/>) to <paramref name="output"/>, in order.</summary>
    public static IReadOnlyList<ImportedLayer> Read(GraphView view, string input, int rank, long? inputWidth, string output)
    {
        var chain = new ChainImporter(view, rank, inputWidth, output);
        chain.Walk(input);
        return chain._layers;
    }

    private void Walk(string input)
    {
        string current = input;
        while (current != _output)
        {
            var consumers = _view.Consumers(current).Where(n => !_consumed.Contains(n)).ToList();
            if (consumers.Count == 0)
                throw new OnnxFormatException($"{Source}: value '{GraphView.Cut(current)}' feeds no node, so the output '{GraphView.Cut(_output)}' is not computed from the input by a chain of layers");
            if (consumers.Count == 1 && TryLayer(consumers[0], current) is { } next) current = next;
            else if (consumers.Any(n => n.OpType == "ReduceMean" && GraphView.IsDefaultDomain(n))) current = DecomposedLayerNorm(current, consumers);
            else current = Activations(current, consumers);
        }
        var downstream = Downstream(_output);
        foreach (NodeProto node in _view.ComputeNodes)
            if (!_consumed.Contains(node) && !downstream.Contains(node))
                throw new OnnxUnsupportedException($"{Source}: {GraphView.Describe(node)} is not on the chain from the input to the output; an MLP's graph is one chain of layers");
    }

    /// <summary>Reads the one consumer <paramref name="node"/> of <paramref name="x"/> as a layer; returns its output, or null when it is not one.</summary>
    private string? TryLayer(NodeProto node, string x)
    {
        if (!GraphView.IsDefaultDomain(node)) throw Unsupported(node);
        switch (node.OpType)
        {
            case "Identity":
                return Take(node);
            case "Dropout":
                if (node.Input.Count > 2 && node.Input[2].Length > 0
                    && (!_view.TryConstant(node.Input[2], out ConstTensor training) || training.Values.Any(v => v != 0)))
                    throw new OnnxUnsupportedException($"{Source}: {GraphView.Describe(node)} runs in training mode; only inference graphs are read");
                return Take(node);
            case "Flatten":
                if (OnnxAttributes.Int(node, "axis", 1) != 1)
                    throw new OnnxUnsupportedException($"{Source}: {GraphView.Describe(node)} flattens from axis {OnnxAttributes.Int(node, "axis", 1)}; only axis 1 (keep the batch) is supported");
                _rank = 2;
                return Add(node, ImportedLayer.Stateless(new FlattenConfig()));
            case "Gemm":
                return Gemm(node, x);
            case "MatMul":
                return MatMul(node, x);
            case "BatchNormalization":
                return BatchNorm(node, x);
            case "LayerNormalization":
                return LayerNorm(node, x);
            default:
                return null;
        }
    }

    private string Gemm(NodeProto node, string x)
    {
        RequireFirst(node, x);
        if (OnnxAttributes.Int(node, "transA", 0) != 0) throw Unsupported(node, "Gemm with transA = 1");
        ConstTensor b = Constant(node, 1, "weight");
        if (b.Dims.Length != 2) throw Unsupported(node, $"a Gemm weight of shape {b.ShapeString}; expected 2-D");
        bool transB = OnnxAttributes.Int(node, "transB", 0) != 0;
        float alpha = OnnxAttributes.Float(node, "alpha", 1f), beta = OnnxAttributes.Float(node, "beta", 1f);
        int rows = (int)b.Dims[0], cols = (int)b.Dims[1];
        int outputs = transB ? rows : cols, inputs = transB ? cols : rows;
        float[] weight = transB ? (float[])b.Values.Clone() : Transpose(b.Values, rows, cols);
        if (alpha != 1f) for (int i = 0; i < weight.Length; i++) weight[i] *= alpha;
        float[]? bias = null;
        if (node.Input.Count > 2 && node.Input[2].Length > 0)
        {
            bias = Bias(node, Constant(node, 2, "bias"), outputs);
            if (beta != 1f) for (int i = 0; i < bias.Length; i++) bias[i] *= beta;
        }
        return Add(node, Linear(inputs, outputs, weight, bias));
    }

    private string MatMul(NodeProto node, string x)
    {
        RequireFirst(node, x);
        ConstTensor w = Constant(node, 1, "weight");
        if (w.Dims.Length != 2) throw Unsupported(node, $"a MatMul weight of shape {w.ShapeString}; expected 2-D [in, out]");
        int inputs = (int)w.Dims[0], outputs = (int)w.Dims[1];
        float[] weight = Transpose(w.Values, inputs, outputs);
        string y = Take(node);
        // PyTorch writes a Linear without bias as MatMul alone, and other exporters write Linear as MatMul then Add.
        var after = _view.Consumers(y);
        if (y != _output && after.Count == 1 && after[0] is { OpType: "Add" } add && GraphView.IsDefaultDomain(add) && add.Input.Count == 2)
        {
            string other = add.Input[0] == y ? add.Input[1] : add.Input[0];
            if (_view.TryConstant(other, out ConstTensor c) && c.Dims.Length is 1 or 2 && c.Dims[^1] == outputs && c.Values.Length == outputs)
            {
                _layers.Add(Linear(inputs, outputs, weight, (float[])c.Values.Clone()));
                return Take(add);
            }
        }
        _layers.Add(Linear(inputs, outputs, weight, null));
        return y;
    }

    private string BatchNorm(NodeProto node, string x)
    {
        RequireFirst(node, x);
        if (OnnxAttributes.Int(node, "training_mode", 0) != 0) throw Unsupported(node, "BatchNormalization in training mode");
        if (_rank != 2) throw Unsupported(node, $"BatchNormalization of a rank-{_rank} value; BatchNorm1d takes [batch, features]");
        RequireUnused(node, 1);
        ConstTensor scale = Constant(node, 1, "scale"), bias = Constant(node, 2, "bias"), mean = Constant(node, 3, "mean"), variance = Constant(node, 4, "variance");
        int c = Vector(node, scale, "scale", null);
        Vector(node, bias, "bias", c);
        Vector(node, mean, "mean", c);
        Vector(node, variance, "variance", c);
        float eps = OnnxAttributes.Float(node, "epsilon", 1e-5f);
        // ONNX's momentum weighs the old running statistic, PyTorch's (and Dendrite's) the new one. 1 − (1 − 0.1f) is
        // 0.100000024f in float; six digits give back the 0.1 that was meant (momentum only matters for training).
        float momentum = (float)Math.Round(1.0 - OnnxAttributes.Float(node, "momentum", 0.9f), 6);
        if (!(momentum >= 0f && momentum <= 1f)) momentum = 0.1f;
        bool affine = !IsFixedIdentity(scale, bias);
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        if (affine)
        {
            state["weight"] = new Tensor((float[])scale.Values.Clone(), c);
            state["bias"] = new Tensor((float[])bias.Values.Clone(), c);
        }
        state["running_mean"] = new Tensor((float[])mean.Values.Clone(), c);
        state["running_var"] = new Tensor((float[])variance.Values.Clone(), c);
        state["num_batches_tracked"] = Tensor.Zeros(); // ONNX does not carry PyTorch's counter
        return Add(node, new ImportedLayer(new BatchNorm1dConfig(c, Positive(node, eps), momentum, affine), state));
    }

    private string LayerNorm(NodeProto node, string x)
    {
        RequireFirst(node, x);
        long axis = OnnxAttributes.Int(node, "axis", -1);
        if (axis != -1 && axis != _rank - 1) throw Unsupported(node, $"LayerNormalization over axis {axis}; LayerNorm normalizes the last axis");
        RequireUnused(node, 1);
        ConstTensor scale = Constant(node, 1, "scale");
        int d = Vector(node, scale, "scale", null);
        ConstTensor? bias = node.Input.Count > 2 && node.Input[2].Length > 0 ? Constant(node, 2, "bias") : null;
        if (bias is not null) Vector(node, bias, "bias", d);
        float eps = OnnxAttributes.Float(node, "epsilon", 1e-5f);
        return Add(node, Norm(d, Positive(node, eps), scale, bias));
    }

    /// <summary>LayerNorm as exporters write it before opset 17: (x − mean)/√(var + ε), then ·γ and +β when affine.</summary>
    private string DecomposedLayerNorm(string x, List<NodeProto> consumers)
    {
        NodeProto first = consumers.First(n => n.OpType == "ReduceMean");
        OnnxUnsupportedException NotLayerNorm() =>
            new($"{Source}: {GraphView.Describe(first)} does not start a LayerNorm ((x − mean)/√(var + ε)·γ + β over the last axis); {SupportedOps.Description}");
        if (consumers.Count != 2) throw NotLayerNorm();
        NodeProto mean = first, sub = consumers.First(n => !ReferenceEquals(n, first));
        if (!IsMeanOverLastAxis(mean, x) || !Is(sub, "Sub", x, mean.Output[0])) throw NotLayerNorm();
        string centered = sub.Output[0];
        var users = _view.Consumers(centered);
        NodeProto? pow = users.FirstOrDefault(n => n.OpType == "Pow"), div = users.FirstOrDefault(n => n.OpType == "Div");
        if (users.Count != 2 || pow is null || div is null || pow.Input.Count != 2 || pow.Input[0] != centered || !IsScalar(pow.Input[1], 2f)) throw NotLayerNorm();
        NodeProto? variance = Single(pow.Output[0]), addEps = variance is null ? null : Single(variance.Output[0]);
        if (variance is null || !IsMeanOverLastAxis(variance, pow.Output[0]) || addEps is not { OpType: "Add" }) throw NotLayerNorm();
        string eps = addEps.Input[0] == variance.Output[0] ? addEps.Input[1] : addEps.Input[0];
        NodeProto? sqrt = Single(addEps.Output[0]);
        if (!_view.TryConstant(eps, out ConstTensor epsilon) || epsilon.Uniform() is not float e || sqrt is not { OpType: "Sqrt" }
            || !Is(div, "Div", centered, sqrt.Output[0]))
            throw NotLayerNorm();
        NodeProto[] nodes = [mean, sub, pow, variance, addEps, sqrt, div];
        string y = div.Output[0];
        long? width = CurrentWidth();
        ConstTensor? scale = null, bias = null;
        // γ and β are vectors of the normalized width; a scalar Mul after a LayerNorm without affine belongs to the next layer.
        if (y != _output && Single(y) is { OpType: "Mul" } mul && AffineOperand(mul, y, width) is { } gamma)
        {
            nodes = [.. nodes, mul];
            scale = gamma;
            y = mul.Output[0];
            if (y != _output && Single(y) is { OpType: "Add" } add && AffineOperand(add, y, width) is { } beta)
            {
                nodes = [.. nodes, add];
                bias = beta;
                y = add.Output[0];
            }
        }
        int d = scale is not null ? scale.Values.Length
            : width is { } w ? (int)w : throw Unsupported(first, "a LayerNorm without affine parameters whose width is not known");
        foreach (NodeProto n in nodes) _consumed.Add(n);
        if (scale is null)
        {
            _layers.Add(ImportedLayer.Stateless(new LayerNormConfig(d, Positive(first, e), false)));
            return y;
        }
        _layers.Add(Norm(d, Positive(first, e), scale, bias));
        return y;
    }

    /// <summary>The elementwise block starting at <paramref name="x"/>, read as one or more activations.</summary>
    private string Activations(string x, List<NodeProto> consumers)
    {
        if (consumers.FirstOrDefault(n => !SupportedOps.IsActivationOp(n)) is { } other) throw Unsupported(other);
        var region = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);
        var exits = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>([x]);
        while (pending.Count > 0)
        {
            string v = pending.Dequeue();
            var users = _view.Consumers(v);
            if (v != x && (v == _output || users.Count == 0 || users.Any(n => !SupportedOps.IsActivationOp(n))))
            {
                exits.Add(v);
                continue;
            }
            foreach (NodeProto n in users)
                if (region.Add(n))
                    foreach (string o in n.Output)
                        if (o.Length > 0) pending.Enqueue(o);
        }
        foreach (NodeProto n in region)
            foreach (string input in n.Input)
                if (input.Length > 0 && input != x && !_view.IsConstant(input) && (_view.Producer(input) is not { } p || !region.Contains(p)))
                    throw new OnnxUnsupportedException($"{Source}: {GraphView.Describe(n)} mixes in value '{GraphView.Cut(input)}' from outside the layer; an MLP's layers form one chain");
        if (exits.Count != 1)
            throw new OnnxUnsupportedException($"{Source}: the ops after value '{GraphView.Cut(x)}' ({Ops(region)}) branch into {exits.Count} values; an activation has one output");
        string exit = exits.First();
        _layers.AddRange(Decompose(x, exit, region));
        _consumed.UnionWith(region);
        return exit;
    }

    /// <summary>Peels activations off <paramref name="exit"/> back to <paramref name="x"/>; the templates must cover the whole region.</summary>
    private List<ImportedLayer> Decompose(string x, string exit, HashSet<NodeProto> region)
    {
        var matcher = new PatternMatcher(_view, region);
        var layers = new List<ImportedLayer>();
        var covered = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);
        string value = exit;
        while (value != x)
        {
            NodeProto root = _view.Producer(value)!;
            (ActivationTemplate Template, PatternMatch Match)? found = null;
            foreach (ActivationTemplate template in ActivationTemplates.All)
            {
                var match = new PatternMatch();
                if (!matcher.Match(template.Root, value, match) || !match.Vars.TryGetValue("x", out string? input)) continue;
                if (input != x && (_view.Producer(input) is not { } p || !region.Contains(p))) continue;
                if (match.Nodes.Overlaps(covered) || !SelfContained(match, value)) continue;
                found = (template, match);
                break;
            }
            if (found is not { } f)
                throw new OnnxUnsupportedException(
                    $"{Source}: ops {Ops(region)} (from {GraphView.Describe(root)}) form no supported activation; {SupportedOps.Description}");
            layers.Insert(0, f.Template.Build(f.Match, root, _view));
            covered.UnionWith(f.Match.Nodes);
            value = f.Match.Vars["x"];
        }
        if (!covered.SetEquals(region))
        {
            NodeProto extra = region.First(n => !covered.Contains(n));
            throw new OnnxUnsupportedException($"{Source}: {GraphView.Describe(extra)} is not part of any supported activation; {SupportedOps.Description}");
        }
        return layers;
    }

    /// <summary>Whether every value computed inside the match, but its result, is used only inside it.</summary>
    private bool SelfContained(PatternMatch match, string result)
    {
        foreach (NodeProto n in match.Nodes)
            foreach (string o in n.Output)
                if (o.Length > 0 && o != result && (o == _output || _view.Consumers(o).Any(c => !match.Nodes.Contains(c)))) return false;
        return true;
    }

    private static ImportedLayer Norm(int width, float eps, ConstTensor scale, ConstTensor? bias)
    {
        if (IsFixedIdentity(scale, bias)) return ImportedLayer.Stateless(new LayerNormConfig(width, eps, false));
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal)
        {
            ["weight"] = new Tensor((float[])scale.Values.Clone(), width),
            ["bias"] = bias is null ? Tensor.Zeros(width) : new Tensor((float[])bias.Values.Clone(), width),
        };
        return new ImportedLayer(new LayerNormConfig(width, eps, true), state);
    }

    private static ImportedLayer Linear(int inputs, int outputs, float[] weight, float[]? bias)
    {
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal) { ["weight"] = new Tensor(weight, outputs, inputs) };
        if (bias is not null) state["bias"] = new Tensor(bias, outputs);
        return new ImportedLayer(new LinearConfig(inputs, outputs, bias is not null), state);
    }

    /// <summary>
    /// A norm written with fixed γ = 1 and β = 0 as Constant nodes (how PyTorch and Dendrite write one without affine
    /// parameters) rather than as initializers (learned ones, whatever their values).
    /// </summary>
    private static bool IsFixedIdentity(ConstTensor scale, ConstTensor? bias) =>
        !scale.Learned && scale.Values.All(v => v == 1f) && (bias is null || (!bias.Learned && bias.Values.All(v => v == 0f)));

    private ConstTensor? AffineOperand(NodeProto node, string y, long? width)
    {
        if (!GraphView.IsDefaultDomain(node) || node.Input.Count != 2) return null;
        string other = node.Input[0] == y ? node.Input[1] : node.Input[0];
        if (!_view.TryConstant(other, out ConstTensor c) || c.Dims.Length != 1) return null;
        return width is null || c.Dims[0] == width ? c : null;
    }

    private bool IsMeanOverLastAxis(NodeProto node, string input)
    {
        if (node.OpType != "ReduceMean" || !GraphView.IsDefaultDomain(node) || node.Input.Count == 0 || node.Input[0] != input) return false;
        if (OnnxAttributes.Int(node, "keepdims", 1) != 1) return false;
        IReadOnlyList<long>? axes = OnnxAttributes.Ints(node, "axes");
        if (axes is null && node.Input.Count > 1 && _view.TryConstant(node.Input[1], out ConstTensor a)) axes = [.. a.Values.Select(v => (long)v)];
        return axes is [var axis] && (axis == -1 || axis == _rank - 1);
    }

    private static bool Is(NodeProto node, string op, string a, string b) =>
        node.OpType == op && GraphView.IsDefaultDomain(node) && node.Input.Count == 2 && node.Input[0] == a && node.Input[1] == b;

    private bool IsScalar(string value, float expected) => _view.TryConstant(value, out ConstTensor c) && c.Uniform() == expected;

    private NodeProto? Single(string value) => _view.Consumers(value) is [var only] && GraphView.IsDefaultDomain(only) ? only : null;

    private long? CurrentWidth() =>
        new SequentialConfig(_layers.Select(l => l.Config)).OutputWidth(_inputWidth, $"{Source}: layer");

    private string Add(NodeProto node, ImportedLayer layer)
    {
        _layers.Add(layer);
        return Take(node);
    }

    /// <summary>Marks <paramref name="node"/> read and returns its first output.</summary>
    private string Take(NodeProto node)
    {
        if (node.Output.Count == 0 || node.Output[0].Length == 0) throw new OnnxFormatException($"{Source}: {GraphView.Describe(node)} has no output");
        _consumed.Add(node);
        return node.Output[0];
    }

    private void RequireFirst(NodeProto node, string x)
    {
        if (node.Input.Count == 0 || node.Input[0] != x) throw Unsupported(node, "the layer's input in another position than the first");
    }

    /// <summary>Outputs from <paramref name="from"/> on (batch statistics, saved mean) must go unused in an inference graph.</summary>
    private void RequireUnused(NodeProto node, int from)
    {
        for (int i = from; i < node.Output.Count; i++)
            if (node.Output[i].Length > 0 && _view.Consumers(node.Output[i]).Count > 0)
                throw Unsupported(node, $"a use of its output {i} ('{GraphView.Cut(node.Output[i])}')");
    }

    private ConstTensor Constant(NodeProto node, int index, string what)
    {
        if (node.Input.Count <= index || node.Input[index].Length == 0) throw Unsupported(node, $"no {what} input");
        return _view.TryConstant(node.Input[index], out ConstTensor c) ? c : throw Unsupported(node, $"a {what} computed in the graph, not stored in it");
    }

    private int Vector(NodeProto node, ConstTensor t, string what, int? length)
    {
        if (t.Dims.Length != 1 || (length is { } n && t.Dims[0] != n))
            throw new OnnxFormatException($"{Source}: {GraphView.Describe(node)}: {what} has shape {t.ShapeString}, expected [{(length is { } m ? m.ToString(System.Globalization.CultureInfo.InvariantCulture) : "features")}]");
        return (int)t.Dims[0];
    }

    private float[] Bias(NodeProto node, ConstTensor c, int outputs)
    {
        if (c.Values.Length == outputs && c.Dims[^1] == outputs) return (float[])c.Values.Clone();
        if (c.Uniform() is float v && c.Values.Length == 1) return Enumerable.Repeat(v, outputs).ToArray();
        throw new OnnxFormatException($"{Source}: {GraphView.Describe(node)}: bias has shape {c.ShapeString}, expected [{outputs}]");
    }

    private float Positive(NodeProto node, float eps) =>
        eps > 0f && float.IsFinite(eps) ? eps : throw Unsupported(node, $"epsilon {eps}; it must be positive");

    private static float[] Transpose(float[] values, int rows, int cols)
    {
        var result = new float[values.Length];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) result[c * rows + r] = values[r * cols + c];
        return result;
    }

    private HashSet<NodeProto> Downstream(string value)
    {
        var result = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);
        var pending = new Queue<string>([value]);
        while (pending.Count > 0)
            foreach (NodeProto n in _view.Consumers(pending.Dequeue()))
                if (result.Add(n))
                    foreach (string o in n.Output) pending.Enqueue(o);
        return result;
    }

    private static string Ops(IEnumerable<NodeProto> nodes) => string.Join(", ", nodes.Select(n => n.OpType).Distinct().Take(12));

    private string Source => _view.Source;

    private OnnxUnsupportedException Unsupported(NodeProto node) =>
        new($"{Source}: unsupported op {GraphView.Cut((GraphView.IsDefaultDomain(node) ? "" : node.Domain + ".") + node.OpType)} (node '{GraphView.Cut(node.Name)}'); {SupportedOps.Description}");

    private OnnxUnsupportedException Unsupported(NodeProto node, string what) =>
        new($"{Source}: {GraphView.Describe(node)}: {what} is not supported");
}
