using System.Buffers;
using System.IO.Hashing;

namespace Dendrite.Data.Idx;

/// <summary>
/// What <see cref="IdxCache"/> records of a gzipped source file to tell whether a decoded copy is still its own:
/// full path, length, last-write time and the XxHash3 of its bytes.
/// </summary>
internal sealed class SourceStamp
{
    private ulong? _contentHash;

    private SourceStamp(string fullPath, long length, long lastWriteTicks)
    {
        FullPath = fullPath;
        Length = length;
        LastWriteTicks = lastWriteTicks;
    }

    public string FullPath { get; }

    public long Length { get; }

    public long LastWriteTicks { get; }

    /// <summary>
    /// The stamp of a gzipped file at <paramref name="path"/>, or null when it is missing, unreadable or not gzip
    /// (then the caller reads it directly and the reader reports what is wrong).
    /// </summary>
    public static SourceStamp? TryTake(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) return null;
            Span<byte> signature = stackalloc byte[2];
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1))
            {
                if (file.Read(signature) != 2 || signature[0] != 0x1F || signature[1] != 0x8B) return null;
            }
            return new SourceStamp(info.FullName, info.Length, info.LastWriteTimeUtc.Ticks);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>XxHash3 of the file's bytes, computed on first use.</summary>
    /// <exception cref="IOException">The file can no longer be read.</exception>
    public ulong ContentHash()
    {
        if (_contentHash is null)
        {
            var hash = new XxHash3();
            byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 20); // Append(Stream) would read 4 KB at a time
            try
            {
                using var file = new FileStream(FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
                int n;
                while ((n = file.Read(buffer)) > 0) hash.Append(buffer.AsSpan(0, n));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            _contentHash = hash.GetCurrentHashAsUInt64();
        }
        return _contentHash.Value;
    }
}
