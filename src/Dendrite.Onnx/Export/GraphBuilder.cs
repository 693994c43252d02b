using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Dendrite.Onnx.Protobuf;
using Google.Protobuf;

namespace Dendrite.Onnx.Export;

/// <summary>
/// Builds one ONNX graph: unique value names (a table column may be called anything, so every name the exporter makes
/// goes through <see cref="Fresh"/>), initializers, Constant nodes and op nodes, in topological order (each node is
/// added after the nodes that produce its inputs).
/// </summary>
internal sealed class GraphBuilder
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private int _counter;

    public GraphProto Graph { get; } = new() { Name = "dendrite" };

    /// <summary>Whether a node of the ai.onnx.ml domain was added (the model must then import that opset).</summary>
    public bool UsesMlDomain { get; private set; }

    /// <summary>Total bytes of tensor data added so far (protobuf cannot hold a file of 2 GiB or more).</summary>
    public long TensorBytes { get; private set; }

    /// <summary><paramref name="hint"/> if no value has that name yet, else hint_1, hint_2, …; reserves the name.</summary>
    public string Fresh(string hint)
    {
        string name = hint;
        while (!_names.Add(name)) name = $"{hint}_{++_counter}";
        return name;
    }

    /// <summary>Declares a graph input of element type <paramref name="type"/> and shape [batch, <paramref name="width"/>].</summary>
    public string Input(string name, TensorProto.Types.DataType type, long width)
    {
        string unique = Fresh(name);
        if (unique != name) throw new InvalidOperationException($"graph input '{name}' declared twice");
        Graph.Input.Add(ValueInfo(name, type, width));
        return name;
    }

    /// <summary>Declares <paramref name="value"/> as a graph output [batch, <paramref name="width"/>] of type float.</summary>
    public void Output(string value, long width) => Graph.Output.Add(ValueInfo(value, TensorProto.Types.DataType.Float, width));

    /// <summary>A float initializer (a weight, a fitted statistic) of the given shape.</summary>
    public string Initializer(string hint, ReadOnlySpan<float> values, params long[] dims)
    {
        TensorProto tensor = FloatTensor(Fresh(hint), values, dims);
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A float scalar initializer (shape []), for the constants of a decomposed activation.</summary>
    public string Scalar(string hint, float value) => Initializer(hint, [value]);

    /// <summary>A double scalar initializer, for preprocessing done in double as Dendrite does it.</summary>
    public string ScalarDouble(string hint, double value)
    {
        var tensor = new TensorProto { Name = Fresh(hint), DataType = (int)TensorProto.Types.DataType.Double };
        tensor.DoubleData.Add(value);
        TensorBytes += sizeof(double);
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>An int64 initializer.</summary>
    public string Int64s(string hint, long[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = Fresh(hint), DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.AddRange(dims);
        tensor.Int64Data.AddRange(values);
        TensorBytes += (long)values.Length * sizeof(long);
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>
    /// A Constant node holding a float tensor. Used where the importer must tell a fixed tensor from a learned one:
    /// the γ = 1, β = 0 of a norm without affine parameters are Constant nodes (as PyTorch writes them), learned ones
    /// are initializers.
    /// </summary>
    public string ConstantNode(string hint, ReadOnlySpan<float> values, params long[] dims)
    {
        string output = Fresh(hint);
        var node = new NodeProto { OpType = "Constant", Name = Fresh(output + "/Constant") };
        node.Output.Add(output);
        node.Attribute.Add(Attributes.Tensor("value", FloatTensor("", values, dims)));
        Graph.Node.Add(node);
        return output;
    }

    /// <summary>Adds a node of the default domain with one output; returns the output's name.</summary>
    public string Node(string op, string hint, IEnumerable<string> inputs, params AttributeProto[] attributes) =>
        Nodes(op, hint, inputs, 1, "", attributes)[0];

    /// <summary>Adds a node whose one output is called <paramref name="output"/> (made unique): for the graph's outputs.</summary>
    public string Named(string op, string output, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        string name = Fresh(output);
        var node = new NodeProto { OpType = op, Name = Fresh($"{name}/{op}") };
        node.Input.AddRange(inputs);
        node.Output.Add(name);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return name;
    }

    /// <summary>Adds a node of the ai.onnx.ml domain with one output.</summary>
    public string MlNode(string op, string hint, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        UsesMlDomain = true;
        return Nodes(op, hint, inputs, 1, OnnxModel.MlDomain, attributes)[0];
    }

    /// <summary>Adds a node with <paramref name="outputs"/> outputs (Split); returns their names.</summary>
    public string[] Nodes(string op, string hint, IEnumerable<string> inputs, int outputs, string domain, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = Fresh($"{hint}/{op}") };
        if (domain.Length > 0) node.Domain = domain;
        node.Input.AddRange(inputs);
        var names = new string[outputs];
        for (int i = 0; i < outputs; i++)
        {
            names[i] = Fresh(outputs == 1 ? $"{hint}/{op}_output" : $"{hint}/{op}_output_{i}");
            node.Output.Add(names[i]);
        }
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return names;
    }

    private TensorProto FloatTensor(string name, ReadOnlySpan<float> values, long[] dims)
    {
        var tensor = new TensorProto { DataType = (int)TensorProto.Types.DataType.Float };
        if (name.Length > 0) tensor.Name = name;
        tensor.Dims.AddRange(dims);
        tensor.RawData = ByteString.CopyFrom(LittleEndian(values));
        TensorBytes += (long)values.Length * sizeof(float);
        return tensor;
    }

    /// <summary>ONNX raw_data is little-endian whatever the machine.</summary>
    private static byte[] LittleEndian(ReadOnlySpan<float> values)
    {
        byte[] bytes = MemoryMarshal.AsBytes(values).ToArray();
        if (!BitConverter.IsLittleEndian)
            for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        return bytes;
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, long width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
