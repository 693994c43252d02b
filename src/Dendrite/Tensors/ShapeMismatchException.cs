namespace Dendrite.Tensors;

/// <summary>Raised when tensor shapes do not fit an operation; the message names both shapes.</summary>
public sealed class ShapeMismatchException : ArgumentException
{
    /// <summary>Creates the exception with a message that names the shapes involved.</summary>
    public ShapeMismatchException(string message) : base(message) { }
    /// <summary>Creates the exception with the default message (prefer the overload that names the shapes).</summary>
    public ShapeMismatchException() { }
    /// <summary>Creates the exception with a message naming the shapes and the error that caused it.</summary>
    public ShapeMismatchException(string message, Exception inner) : base(message, inner) { }
}
