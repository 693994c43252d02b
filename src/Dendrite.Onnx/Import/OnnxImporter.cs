using Dendrite.Data;
using Dendrite.Formats.Models;
using Dendrite.Nn;
using Dendrite.Nn.Configs;
using Dendrite.Onnx.Protobuf;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.Training.Checkpoints;
using Dendrite.Training.Models;

namespace Dendrite.Onnx.Import;

/// <summary>
/// Rebuilds a Dendrite model from a parsed ONNX MLP: finds the graph's one input and its first output, reads the
/// chain of layers between them (<see cref="ChainImporter"/>), checks the description against the limits before
/// building it, loads the weights strictly, and attaches a meaning (task, class names) from the options or from the
/// metadata of a file Dendrite exported.
/// </summary>
internal static class OnnxImporter
{
    public static TrainedModel Import(ModelProto model, string source, OnnxImportOptions options)
    {
        GraphProto graph = model.Graph;
        var view = new GraphView(graph, source, options.Limits);
        var metadata = model.MetadataProps
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        var inputs = graph.Input.Where(i => !view.IsConstant(i.Name)).ToList();
        if (inputs.Count != 1)
            throw new OnnxUnsupportedException($"{source}: the graph has {inputs.Count} inputs ({string.Join(", ", inputs.Take(5).Select(i => $"'{GraphView.Cut(i.Name)}'"))}); an MLP takes one{RawHint(metadata)}");
        if (graph.Output.Count == 0) throw new OnnxFormatException($"{source}: the graph has no output");
        ValueInfoProto input = inputs[0];
        string output = graph.Output[0].Name;
        if (output == input.Name) throw new OnnxUnsupportedException($"{source}: the output is the input itself; there is no network to import");
        var (rank, width) = Shape(input, source);

        IReadOnlyList<ImportedLayer> layers;
        try
        {
            layers = ChainImporter.Read(view, input.Name, rank, width, output);
        }
        catch (OnnxUnsupportedException e) when (RawHint(metadata).Length > 0)
        {
            // The supported set helps no one here: say what to do instead, within one line.
            int cut = e.Message.IndexOf("; supported:", StringComparison.Ordinal);
            throw new OnnxUnsupportedException((cut < 0 ? e.Message : e.Message[..cut]) + RawHint(metadata), e);
        }
        if (layers.Count == 0) throw new OnnxUnsupportedException($"{source}: the graph holds no layers between its input and output");

        var config = new SequentialConfig(layers.Select(l => l.Config));
        config.Validate(options.Limits, $"{source}: model");
        int inputWidth = config.InputWidth ?? (width is { } w ? checked((int)w) : throw new OnnxUnsupportedException(
            $"{source}: the input '{GraphView.Cut(input.Name)}' has no fixed width and no layer fixes one"));
        if (width is { } known && known != inputWidth)
            throw new OnnxFormatException($"{source}: the input '{GraphView.Cut(input.Name)}' has {known} features per sample, but the first layer takes {inputWidth}");

        Module module = config.Build(new Rng(0)); // the initial draw is overwritten below
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (int i = 0; i < layers.Count; i++)
            foreach (var (name, tensor) in layers[i].State) state[$"{i}.{name}"] = tensor;
        try
        {
            module.LoadStateDict(state, strict: true);
        }
        catch (StateDictException e)
        {
            throw new OnnxFormatException($"{source}: {e.Message}", e);
        }
        module.Eval();
        return new TrainedModel(module, Info(module, metadata, options, inputWidth, source), 0, source);
    }

    /// <summary>
    /// The model's meaning, checked by the model-file reader (one class name per output, a consistent input): the
    /// options first, then the file's Dendrite metadata, else a classifier of plain feature rows.
    /// </summary>
    private static ModelInfo Info(Module module, Dictionary<string, string> metadata, OnnxImportOptions options, int inputWidth, string source)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        TaskKind task = options.Task ?? (metadata.GetValueOrDefault(CheckpointKeys.Task) == "regression" ? TaskKind.Regression : TaskKind.Classification);
        meta[CheckpointKeys.Task] = task == TaskKind.Regression ? "regression" : "classification";
        if (task == TaskKind.Classification)
        {
            if (options.ClassNames is not null) meta[CheckpointKeys.ClassNames] = CheckpointJson.WriteStrings(options.ClassNames);
            else if (metadata.TryGetValue(CheckpointKeys.ClassNames, out string? names)) meta[CheckpointKeys.ClassNames] = names;
        }
        if (metadata.TryGetValue(CheckpointKeys.Target, out string? target)) meta[CheckpointKeys.Target] = target;
        // The input description applies only when the graph takes the network's own rows (exported --network-only).
        if (metadata.GetValueOrDefault(OnnxKeys.GraphInput) == OnnxKeys.NetworkInput && metadata.TryGetValue(CheckpointKeys.Input, out string? input))
            meta[CheckpointKeys.Input] = input;
        else meta[CheckpointKeys.Input] = CheckpointJson.Write(w =>
        {
            w.WriteString("kind", "features");
            w.WriteNumber("count", inputWidth);
        });
        ModelFile file = Model.Read(Model.ToBytes(module, meta), source);
        return ModelInfoJson.Read(file);
    }

    private static (int Rank, long? Width) Shape(ValueInfoProto input, string source)
    {
        TypeProto.Types.Tensor? tensor = input.Type?.TensorType;
        if (tensor is null) throw new OnnxUnsupportedException($"{source}: the input '{GraphView.Cut(input.Name)}' is not a tensor");
        if (tensor.ElemType != (int)TensorProto.Types.DataType.Float)
            throw new OnnxUnsupportedException($"{source}: the input '{GraphView.Cut(input.Name)}' has element type {(TensorProto.Types.DataType)tensor.ElemType}; an MLP takes float");
        if (tensor.Shape is null) return (2, null);
        var dims = tensor.Shape.Dim;
        if (dims.Count < 2) throw new OnnxUnsupportedException($"{source}: the input '{GraphView.Cut(input.Name)}' has rank {dims.Count}; expected [batch, features, …]");
        long width = 1;
        foreach (var d in dims.Skip(1))
        {
            if (!d.HasDimValue || d.DimValue <= 0) return (dims.Count, null);
            width *= d.DimValue;
            if (width > int.MaxValue) throw new OnnxFormatException($"{source}: the input '{GraphView.Cut(input.Name)}' has more than {int.MaxValue} features per sample");
        }
        return (dims.Count, width);
    }

    /// <summary>A hint for a graph Dendrite exported with its preprocessing inside, which only Dendrite's exporter writes.</summary>
    private static string RawHint(Dictionary<string, string> metadata) =>
        metadata.GetValueOrDefault(OnnxKeys.GraphInput) == OnnxKeys.RawInput && metadata.ContainsKey(OnnxKeys.Version)
            ? "; the file applies Dendrite's preprocessing in the graph: export it with --network-only to import it"
            : "";
}
