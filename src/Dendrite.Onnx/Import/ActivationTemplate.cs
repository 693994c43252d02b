using Dendrite.Onnx.Import.Patterns;
using Dendrite.Onnx.Protobuf;

namespace Dendrite.Onnx.Import;

/// <summary>
/// One way an activation appears in a graph: the pattern of its output (its input is the variable "x") and how to
/// build the layer from what the pattern captured; <paramref name="Build"/> throws
/// <see cref="OnnxUnsupportedException"/> for attribute values Dendrite has no layer for.
/// </summary>
/// <param name="Name">The registry name it yields, for messages.</param>
/// <param name="Root">The pattern.</param>
/// <param name="Build">Makes the layer from the match and the pattern's root node.</param>
internal sealed record ActivationTemplate(string Name, Pattern Root, Func<PatternMatch, NodeProto, GraphView, ImportedLayer> Build);
