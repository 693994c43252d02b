namespace Dendrite.Formats.IO;

/// <summary>
/// Writes a file so that readers see either the old contents or the complete new contents, never a half-written
/// file: the bytes go to a temporary file in the same folder (same file system, so the rename is atomic), are
/// flushed to disk, and the temporary file is then renamed over the target. On any failure the temporary file is
/// deleted and the previous file is left untouched.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Calls <paramref name="write"/> with a stream to the temporary file, then commits it to <paramref name="path"/>.
    /// An I/O failure (a full disk, a missing folder, no permission) is rethrown with the same type, its message naming
    /// <paramref name="path"/> rather than the temporary file.
    /// </summary>
    public static void Write(string path, Action<Stream> write) => Write(path, write, static s => s);

    /// <summary>Same, with a hook that wraps the file stream (tests use it to inject failures mid-write).</summary>
    internal static void Write(string path, Action<Stream> write, Func<Stream, Stream> wrap)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no parent folder", nameof(path));
        // Hidden, unique and recognisable, so a crash before cleanup leaves an obvious leftover rather than a
        // file that looks like a checkpoint.
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                Stream target = wrap(file);
                write(target);
                target.Flush();
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (IOException e)
        {
            TryDelete(temp);
            // Name the user's path, not the hidden temporary file, in what the caller reports.
            throw new IOException(e.Message.Replace(temp, full, StringComparison.Ordinal), e);
        }
        catch (UnauthorizedAccessException e)
        {
            TryDelete(temp);
            throw new UnauthorizedAccessException(e.Message.Replace(temp, full, StringComparison.Ordinal), e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The original failure matters more than a leftover temporary file.
        }
    }

    /// <summary>
    /// Writes <paramref name="bytes"/> atomically; an I/O failure becomes a <see cref="DendriteException"/> whose one line
    /// names <paramref name="path"/> and says what was being written ("chart", "predictions").
    /// </summary>
    public static void WriteAll(string path, ReadOnlySpan<byte> bytes, string what)
    {
        byte[] copy = bytes.ToArray();
        try
        {
            Write(path, s => s.Write(copy));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DendriteException($"{path}: cannot write the {what}: {e.Message}", e);
        }
    }
}
