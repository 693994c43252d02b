using Dendrite.Onnx.Protobuf;

namespace Dendrite.Onnx.Import;

/// <summary>Reads node attributes with ONNX's defaults.</summary>
internal static class OnnxAttributes
{
    public static float Float(NodeProto node, string name, float fallback) =>
        Find(node, name) is { } a ? a.F : fallback;

    public static long Int(NodeProto node, string name, long fallback) =>
        Find(node, name) is { } a ? a.I : fallback;

    public static IReadOnlyList<long>? Ints(NodeProto node, string name) =>
        Find(node, name) is { } a ? a.Ints : null;

    public static bool Has(NodeProto node, string name) => Find(node, name) is not null;

    private static AttributeProto? Find(NodeProto node, string name) => node.Attribute.FirstOrDefault(a => a.Name == name);
}
