using Dendrite.Onnx.Protobuf;
using Google.Protobuf;

namespace Dendrite.Onnx.Import;

/// <summary>
/// Reads an ONNX file as untrusted input: its size is checked before it is read, the protobuf parser works on the
/// bytes in memory (so no length a field claims can exceed what is there) with a bounded nesting depth, and a
/// malformed file becomes one <see cref="OnnxFormatException"/> line naming it.
/// </summary>
internal static class OnnxReader
{
    /// <summary>Deepest message nesting accepted (graphs inside If/Loop attributes nest; an MLP has none).</summary>
    private const int RecursionLimit = 64;

    public static ModelProto Read(string path, OnnxImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path)) throw new OnnxFormatException($"{path}: is a folder, expected an .onnx file");
        if (!File.Exists(path)) throw new OnnxFormatException($"{path}: ONNX file not found");
        byte[] bytes;
        try
        {
            long length = new FileInfo(path).Length;
            if (length > options.MaxFileBytes)
                throw new OnnxFormatException($"{path}: {length:N0} bytes, more than the limit of {options.MaxFileBytes:N0} for an ONNX file");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OnnxFormatException($"{path}: cannot read: {e.Message}", e);
        }
        return Parse(bytes, path, options);
    }

    public static ModelProto Parse(byte[] bytes, string source, OnnxImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length > options.MaxFileBytes)
            throw new OnnxFormatException($"{source}: {bytes.Length:N0} bytes, more than the limit of {options.MaxFileBytes:N0} for an ONNX file");
        if (bytes.Length == 0) throw new OnnxFormatException($"{source}: the file is empty, expected an ONNX model");
        ModelProto model;
        try
        {
            var input = CodedInputStream.CreateWithLimits(new MemoryStream(bytes, writable: false), bytes.Length, RecursionLimit);
            model = ModelProto.Parser.ParseFrom(input);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OnnxFormatException($"{source}: not an ONNX model (the protobuf does not parse: {e.Message.ReplaceLineEndings(" ")})", e);
        }
        if (model.Graph is null || model.Graph.Node.Count == 0)
            throw new OnnxFormatException($"{source}: not an ONNX model: no graph with nodes");
        if (model.Graph.Node.Count > options.MaxNodes)
            throw new OnnxFormatException($"{source}: the graph has {model.Graph.Node.Count:N0} nodes, more than the limit of {options.MaxNodes:N0}");
        return model;
    }
}
