namespace Dendrite.Training.Checkpoints;

/// <summary>
/// A file that is valid safetensors but not a usable Dendrite checkpoint: no architecture in its metadata, a
/// missing or misshapen parameter, unreadable metadata. The message is one line, "&lt;path&gt;: &lt;problem&gt;".
/// </summary>
public sealed class CheckpointFormatException : DendriteException
{
    public CheckpointFormatException() { }

    public CheckpointFormatException(string message) : base(message) { }

    public CheckpointFormatException(string message, Exception inner) : base(message, inner) { }
}
