namespace Dendrite.Onnx;

/// <summary>
/// The ONNX <c>metadata_props</c> keys an exported file carries besides the model-file keys it shares with
/// safetensors models ("dendrite.task", "dendrite.class_names", "dendrite.target", "dendrite.input",
/// "dendrite.architecture").
/// </summary>
public static class OnnxKeys
{
    /// <summary>The Dendrite version that wrote the file.</summary>
    public const string Version = "dendrite.version";

    /// <summary>
    /// What the graph's inputs are: <see cref="RawInput"/> (raw pixels or table columns, the preprocessing is inside
    /// the graph) or <see cref="NetworkInput"/> (the network's own feature rows; the preprocessing, if any, is
    /// described by "dendrite.input" and, for a table, written beside the file as JSON).
    /// </summary>
    public const string GraphInput = "dendrite.graph_input";

    /// <summary>The value of <see cref="GraphInput"/> when the graph applies the preprocessing itself.</summary>
    public const string RawInput = "raw";

    /// <summary>The value of <see cref="GraphInput"/> when the graph is the network alone.</summary>
    public const string NetworkInput = "network";
}
