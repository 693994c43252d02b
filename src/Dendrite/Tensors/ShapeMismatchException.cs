namespace Dendrite.Tensors;

/// <summary>Raised when tensor shapes do not fit an operation; the message names both shapes.</summary>
public sealed class ShapeMismatchException : ArgumentException
{
    public ShapeMismatchException(string message) : base(message) { }
    public ShapeMismatchException() { }
    public ShapeMismatchException(string message, Exception inner) : base(message, inner) { }
}
