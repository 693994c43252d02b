namespace Dendrite.Formats.Models;

/// <summary>A model file that cannot be used: not Dendrite's, an unknown version, or tensors that contradict its architecture.</summary>
public class ModelFormatException : DendriteException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ModelFormatException() { }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ModelFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with <paramref name="message"/> and the error that caused it.</summary>
    public ModelFormatException(string message, Exception inner) : base(message, inner) { }
}
