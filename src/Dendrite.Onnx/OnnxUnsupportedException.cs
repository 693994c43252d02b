namespace Dendrite.Onnx;

/// <summary>
/// A well-formed ONNX graph that is not an MLP Dendrite can rebuild: an op, an attribute value or a pattern of ops
/// outside the supported set. The one-line message names the op, the node and the supported set.
/// </summary>
public sealed class OnnxUnsupportedException : DendriteException
{
    /// <summary>Creates the exception with a default message.</summary>
    public OnnxUnsupportedException() { }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public OnnxUnsupportedException(string message) : base(message) { }

    /// <summary>Creates the exception with <paramref name="message"/> and the error that caused it.</summary>
    public OnnxUnsupportedException(string message, Exception inner) : base(message, inner) { }
}
