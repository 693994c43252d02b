namespace Dendrite.Formats.IO;

/// <summary>
/// Writes a file so that readers see either the old contents or the complete new contents, never a half-written
/// file: the bytes go to a temporary file in the same folder (same file system, so the rename is atomic), are
/// flushed to disk, and the temporary file is then renamed over the target. On any failure the temporary file is
/// deleted and the previous file is left untouched.
/// </summary>
public static class AtomicFile
{
    /// <summary>Calls <paramref name="write"/> with a stream to the temporary file, then commits it to <paramref name="path"/>.</summary>
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
}
