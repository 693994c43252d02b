using Dendrite.Formats.IO;
using Dendrite.Nn;
using Dendrite.Onnx.Export;
using Dendrite.Onnx.Import;
using Dendrite.Training.Models;
using Google.Protobuf;

namespace Dendrite.Onnx;

/// <summary>
/// ONNX export and import of Dendrite models (opset 17, IR version 8; ONNX Runtime 1.14 or newer runs the files).
/// <para>Export writes every architecture the library can save — Linear, BatchNorm1d and LayerNorm in eval form,
/// every registered activation (decomposed into standard ops where opset 17 has no single op), Flatten; Dropout
/// disappears — with a dynamic batch dimension. A classifier's outputs are "logits" and "probabilities", a
/// regressor's "prediction". The graph takes raw input: a table model's raw feature columns (one input per column,
/// numeric as float [N, 1] with NaN for missing, categorical as string [N, 1]) with the fitted preprocessing inside the
/// graph and a regression output mapped back to target units; an image model's raw pixels, scaled in the graph.
/// Class names, the task and the Dendrite version go into the model's metadata_props.</para>
/// <para>Import reads MLPs as PyTorch's <c>torch.onnx.export</c> writes them (Gemm or MatMul+Add, Flatten,
/// BatchNormalization, LayerNormalization or its older decomposition, the activation ops, GELU decomposed into
/// Erf/Div/Mul/Add or its tanh form, SiLU, Mish, GLU), and every file the exporter writes with
/// <see cref="OnnxExportOptions.NetworkOnly"/>. The result is a Sequential of library layers that evaluates,
/// fine-tunes and saves like any other. The file is untrusted input: sizes are bounded and every tensor is checked
/// against its shape before anything is allocated; a malformed file, or an op outside the supported set, is refused
/// with one line naming the op and the node.</para>
/// Thread safety: the methods are static and share no state.
/// </summary>
public static class OnnxModel
{
    /// <summary>The default-domain opset written.</summary>
    public const int Opset = 17;

    /// <summary>The ai.onnx.ml opset written when a table model's graph needs it (LabelEncoder).</summary>
    public const int MlOpset = 2;

    /// <summary>The IR version written (the one of opset 17).</summary>
    public const int IrVersion = 8;

    /// <summary>The domain of the classical machine-learning operators.</summary>
    public const string MlDomain = "ai.onnx.ml";

    /// <summary>
    /// Writes <paramref name="model"/> as an ONNX file at <paramref name="path"/>, atomically. When the graph is the
    /// network alone (<see cref="OnnxExportOptions.NetworkOnly"/>, or a table preprocessing step with no ONNX form),
    /// a table model's preprocessing is written beside it as JSON (<c>NAME.preprocessing.json</c>) and
    /// <see cref="OnnxExportResult.Note"/> says so.
    /// </summary>
    /// <exception cref="DendriteException">a custom module (not a library layer), a model too large for one ONNX file,
    /// or a file that cannot be written; the message names the layer or the path.</exception>
    public static OnnxExportResult Export(TrainedModel model, string path, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        string sidecar = PreprocessingPath(path);
        OnnxExporter.Built built = OnnxExporter.Build(model, options ?? new OnnxExportOptions(), sidecar);
        Write(path, built.Model.ToByteArray(), "ONNX model");
        if (built.PreprocessingJson is not null) Write(sidecar, System.Text.Encoding.UTF8.GetBytes(built.PreprocessingJson + "\n"), "preprocessing");
        return new OnnxExportResult(path, built.PreprocessingJson is null ? null : sidecar, built.Inputs, built.Outputs, built.Note);
    }

    /// <summary>The bytes of the ONNX file <see cref="Export(TrainedModel, string, OnnxExportOptions?)"/> writes (without any JSON beside it).</summary>
    public static byte[] ToBytes(TrainedModel model, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return OnnxExporter.Build(model, options ?? new OnnxExportOptions(), null).Model.ToByteArray();
    }

    /// <summary>
    /// The network <paramref name="module"/> alone (a Sequential of library layers) as ONNX bytes: input "input"
    /// [batch, <paramref name="inputWidth"/>], output "output".
    /// </summary>
    public static byte[] ToBytes(Module module, int inputWidth)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputWidth);
        return OnnxExporter.BuildNetwork(module, inputWidth).ToByteArray();
    }

    /// <summary>Writes the network <paramref name="module"/> alone (see <see cref="ToBytes(Module, int)"/>) to <paramref name="path"/>, atomically.</summary>
    public static void Export(Module module, int inputWidth, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Write(path, ToBytes(module, inputWidth), "ONNX model");
    }

    /// <summary>
    /// Reads the ONNX file at <paramref name="path"/> as a Dendrite model in eval mode (call <c>Module.Train()</c> to
    /// fine-tune it; <see cref="TrainedModel.Save"/> writes it as a safetensors model file).
    /// </summary>
    /// <exception cref="OnnxFormatException">a missing, unreadable, oversized or malformed file.</exception>
    /// <exception cref="OnnxUnsupportedException">an op or pattern outside the supported set (named with its node).</exception>
    /// <exception cref="DendriteException">a model beyond <see cref="OnnxImportOptions.Limits"/>.</exception>
    public static TrainedModel Import(string path, OnnxImportOptions? options = null)
    {
        options ??= new OnnxImportOptions();
        return OnnxImporter.Import(OnnxReader.Read(path, options), path, options);
    }

    /// <summary>Reads an ONNX model held in memory; <paramref name="source"/> labels errors.</summary>
    public static TrainedModel Import(byte[] bytes, string source = "<bytes>", OnnxImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new OnnxImportOptions();
        return OnnxImporter.Import(OnnxReader.Parse(bytes, source, options), source, options);
    }

    /// <summary>Where a network-only export of a table model writes its preprocessing: NAME.preprocessing.json beside NAME.onnx.</summary>
    public static string PreprocessingPath(string onnxPath)
    {
        ArgumentNullException.ThrowIfNull(onnxPath);
        return Path.ChangeExtension(onnxPath, ".preprocessing.json");
    }

    private static void Write(string path, byte[] bytes, string what) => AtomicFile.WriteAll(path, bytes, what);
}
