using System.Globalization;
using Dendrite.Data;
using Dendrite.Data.Tabular;
using Dendrite.Formats.Models;
using Dendrite.Nn;
using Dendrite.Nn.Configs;
using Dendrite.Onnx.Protobuf;
using Dendrite.Training.Checkpoints;
using Dendrite.Training.Models;
using DataType = Dendrite.Onnx.Protobuf.TensorProto.Types.DataType;

namespace Dendrite.Onnx.Export;

/// <summary>
/// Assembles the ONNX model of a <see cref="TrainedModel"/>: inputs (raw table columns, raw pixels, or the network's
/// feature rows), the network, the outputs ("logits" and "probabilities" for a classifier, "prediction" in target
/// units for a regressor), opset imports and metadata (class names, task, Dendrite version, the architecture).
/// </summary>
internal static class OnnxExporter
{
    /// <summary>The finished model and what the caller must say or write beside it.</summary>
    public sealed record Built(ModelProto Model, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, string? PreprocessingJson, string? Note);

    /// <summary>protobuf refuses messages of 2 GiB or more; keep a margin for the graph itself.</summary>
    private const long MaxTensorBytes = (1L << 31) - (16L << 20);

    public static Built Build(TrainedModel model, OnnxExportOptions options, string? preprocessingPath)
    {
        ModelInfo info = model.Info;
        TableInput? table = info.Input as TableInput;
        string? reason = options.NetworkOnly ? "the network alone was asked for (--network-only)"
            : table is not null ? TableWriter.Unsupported(table.Preprocessor) : null;
        bool raw = reason is null && info.Input is TableInput or ImageInput;

        var g = new GraphBuilder();
        string features;
        if (raw && table is not null) features = TableWriter.WriteInputs(g, table.Preprocessor);
        else if (raw && info.Input is ImageInput image)
        {
            features = g.Input("pixels", DataType.Float, image.FeatureCount);
            if (image.Scale != 1f) features = g.Node("Mul", "pixels", [features, g.Scalar("pixels.scale", image.Scale)]);
        }
        else features = g.Input("input", DataType.Float, info.Input.FeatureCount);

        string network = NetworkWriter.Write(g, model.Module, features);
        int outputs = OutputWidth(model.Module, info.Input.FeatureCount);
        var outputNames = new List<string>();
        if (info.Task == TaskKind.Classification)
        {
            // Softmax reads the logits output, so the network's last value has one consumer and an importer
            // sees the probabilities as a head after the network's output.
            string logits = Output(g, g.Named("Identity", "logits", [network]), outputs);
            outputNames.Add(logits);
            outputNames.Add(Output(g, g.Named("Softmax", "probabilities", [logits], Attributes.Int("axis", -1)), outputs));
        }
        else
        {
            FittedTarget? target = table?.Preprocessor.Target;
            string value = raw && target is { Task: TaskKind.Regression } ? TableWriter.TargetFromModel(g, target, network) : network;
            outputNames.Add(Output(g, g.Named("Identity", "prediction", [value]), outputs));
        }
        if (g.TensorBytes > MaxTensorBytes)
            throw new DendriteException($"the model holds {g.TensorBytes:N0} bytes of tensors, more than one ONNX file can (2 GiB)");

        var metadata = ModelInfoJson.Write(info);
        metadata[OnnxKeys.GraphInput] = raw ? OnnxKeys.RawInput : OnnxKeys.NetworkInput;
        string? note = null, json = null;
        if (table is not null && !raw)
        {
            json = metadata[CheckpointKeys.Input];
            note = $"the graph takes the preprocessed features: {reason}; the table preprocessing is written to {preprocessingPath ?? "a JSON file beside it"}";
        }
        ModelProto proto = Assemble(g, model.Module, metadata, Describe(model, raw));
        return new Built(proto, [.. g.Graph.Input.Select(i => i.Name)], outputNames, json, note);
    }

    /// <summary>The network alone (no meaning attached): input "input" [batch, inputWidth], output "output".</summary>
    public static ModelProto BuildNetwork(Module module, int inputWidth)
    {
        var g = new GraphBuilder();
        string x = g.Input("input", DataType.Float, inputWidth);
        string y = NetworkWriter.Write(g, module, x);
        Output(g, g.Named("Identity", "output", [y]), OutputWidth(module, inputWidth));
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [OnnxKeys.GraphInput] = OnnxKeys.NetworkInput };
        return Assemble(g, module, metadata, $"Dendrite network, {inputWidth} inputs");
    }

    private static ModelProto Assemble(GraphBuilder g, Module module, Dictionary<string, string> metadata, string description)
    {
        string version = Version();
        metadata[OnnxKeys.Version] = version;
        if (module.ToConfig() is { } config) metadata[ModelKeys.Architecture] = LayerConfigJson.Write(config);
        var proto = new ModelProto
        {
            IrVersion = OnnxModel.IrVersion,
            ProducerName = "Dendrite",
            ProducerVersion = version,
            DocString = description,
            Graph = g.Graph,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OnnxModel.Opset });
        if (g.UsesMlDomain) proto.OpsetImport.Add(new OperatorSetIdProto { Domain = OnnxModel.MlDomain, Version = OnnxModel.MlOpset });
        foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
            proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return proto;
    }

    private static string Output(GraphBuilder g, string value, int width)
    {
        g.Output(value, width);
        return value;
    }

    private static int OutputWidth(Module module, int inputWidth)
    {
        int[] shape = module.OutputShape([1, inputWidth]);
        return shape.Length == 2 ? shape[1] : throw new DendriteException($"the network gives outputs of shape [{string.Join(", ", shape)}], expected [batch, k]");
    }

    private static string Describe(TrainedModel model, bool raw)
    {
        string task = model.Info.Task == TaskKind.Regression ? "regression" : $"classification into {model.Info.ClassNames!.Count} classes";
        string input = (model.Info.Input, raw) switch
        {
            (TableInput t, true) => $"raw table columns ({t.Preprocessor.Columns.Count}) with the fitted preprocessing in the graph",
            (ImageInput i, true) => string.Create(CultureInfo.InvariantCulture, $"raw {i.Height}x{i.Width} pixels, scaled by {i.Scale:G6} in the graph"),
            _ => $"{model.Info.Input.FeatureCount} features",
        };
        return $"Dendrite MLP {model.Describe()}: {task}; input: {input}";
    }

    /// <summary>The Dendrite library's version (its informational version, which may carry a commit).</summary>
    internal static string Version() =>
        System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(typeof(Module).Assembly)?.InformationalVersion ?? "0.0.0";
}
