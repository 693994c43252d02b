namespace Dendrite.Formats.Safetensors;

/// <summary>
/// A file (or stream) that is not a valid safetensors file: truncated, foreign, or with a header that contradicts
/// itself or the file's size. The message is one line, "&lt;source&gt;: &lt;what is wrong&gt;".
/// </summary>
public sealed class SafetensorsFormatException : DendriteException
{
    /// <summary>Creates the exception with a generic message; prefer the overload naming the source.</summary>
    public SafetensorsFormatException() { }

    /// <summary>
    /// Creates the exception from a finished "source: problem" message; <see cref="SourceName"/> stays null.
    /// </summary>
    public SafetensorsFormatException(string message) : base(message) { }

    /// <summary>Creates the exception from a finished message and the error that caused it.</summary>
    public SafetensorsFormatException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception for <paramref name="sourceName"/> (a path or a caller-chosen label).</summary>
    public SafetensorsFormatException(string sourceName, string problem, Exception? inner)
        : base($"{sourceName}: {problem}", inner!)
    {
        SourceName = sourceName;
    }

    /// <summary>The file path or label of the data that failed to parse.</summary>
    public string? SourceName { get; }
}
