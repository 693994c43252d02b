namespace Dendrite.Training.Checkpoints;

/// <summary>
/// A file that is valid safetensors but not a usable Dendrite checkpoint: no architecture in its metadata, a
/// missing or misshapen parameter, unreadable metadata. The message is one line, "&lt;path&gt;: &lt;problem&gt;".
/// </summary>
public sealed class CheckpointFormatException : DendriteException
{
    /// <summary>Creates the exception with a generic message; prefer one naming the problem.</summary>
    public CheckpointFormatException() { }

    /// <summary>Creates the exception; <paramref name="message"/> is one line, "&lt;path&gt;: &lt;problem&gt;".</summary>
    public CheckpointFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with the error that caused it.</summary>
    public CheckpointFormatException(string message, Exception inner) : base(message, inner) { }
}
