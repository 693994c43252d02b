namespace Dendrite.Onnx;

/// <summary>
/// An ONNX file that cannot be read: not a protobuf ModelProto, truncated, larger than the limits, a tensor whose data
/// does not match its shape, external data, or a graph without the input and output it needs. The message names the
/// file and, where there is one, the node or tensor.
/// </summary>
public sealed class OnnxFormatException : DendriteException
{
    /// <summary>Creates the exception with a default message.</summary>
    public OnnxFormatException() { }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public OnnxFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with <paramref name="message"/> and the error that caused it.</summary>
    public OnnxFormatException(string message, Exception inner) : base(message, inner) { }
}
