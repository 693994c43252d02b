using Dendrite.Formats.IO;
using Dendrite.Tensors;

namespace Dendrite.Formats.Safetensors;

/// <summary>
/// Writes float32 tensors and string metadata as a safetensors file, byte for byte as the reference implementation
/// would: tensors sorted by name (UTF-8 byte order), a compact JSON header with "__metadata__" first (omitted when
/// empty, keys sorted), padded with spaces so the data starts at an 8-byte boundary, then the tensors' little-endian
/// data packed back to back. The same input always gives the same bytes.
/// </summary>
public static class SafetensorsWriter
{
    /// <summary>
    /// Writes atomically to <paramref name="path"/> (temporary file in the same folder, flushed to disk, renamed over
    /// the target). A failure leaves any previous file intact and no temporary file behind. Invalid names or
    /// metadata throw <see cref="ArgumentException"/> before anything is written; I/O failures throw
    /// <see cref="DendriteException"/> naming the path.
    /// </summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors,
        IReadOnlyDictionary<string, string>? metadata = null) =>
        Write(path, tensors, metadata, static s => s);

    internal static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors,
        IReadOnlyDictionary<string, string>? metadata, Func<Stream, Stream> wrap)
    {
        ArgumentNullException.ThrowIfNull(path);
        SafetensorsLayout layout = SafetensorsLayout.Create(tensors, metadata);
        try
        {
            AtomicFile.Write(path, layout.WriteTo, wrap);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DendriteException($"{path}: cannot write safetensors file: {ex.Message}", ex);
        }
    }

    /// <summary>Writes to <paramref name="stream"/> at its current position; the stream is left open.</summary>
    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        SafetensorsLayout.Create(tensors, metadata).WriteTo(stream);
    }

    /// <summary>The complete file as a byte array.</summary>
    public static byte[] ToBytes(IEnumerable<KeyValuePair<string, Tensor>> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        SafetensorsLayout layout = SafetensorsLayout.Create(tensors, metadata);
        using var stream = new MemoryStream(checked((int)layout.FileLength));
        layout.WriteTo(stream);
        return stream.ToArray();
    }
}
