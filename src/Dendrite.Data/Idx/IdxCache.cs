using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;

namespace Dendrite.Data.Idx;

/// <summary>
/// A folder of decoded copies of gzipped IDX files, so that a second load reads plain bytes instead of inflating
/// them again (Fashion-MNIST: 30 MB of gzip, 55 MB decoded; decoding is most of a command's start-up).
/// </summary>
/// <remarks>
/// <para>One cache file per source file, named after a hash of the source's full path. Format version 1,
/// little-endian: the 8-byte magic "DNDRIDXC", int32 format version, int32 header length (56), int64 source
/// length, int64 source last-write time (UTC ticks), the XxHash3 of the source's bytes (uint64), int64 payload
/// length, the payload's XxHash3 (uint64), then the payload: the source's decoded IDX file (header and data), byte
/// for byte. XxHash3 (not SHA-256) because it runs at memory speed: this is a check against corruption and stale
/// copies, not against an attacker who can already write the user's cache folder.</para>
/// <para>A cache file is untrusted input. It is used only when its magic, version and lengths are consistent, the
/// source's length, last-write time and hash equal the recorded ones (so an edited source is decoded afresh even
/// when its time stamp was preserved), the payload's hash matches, and the payload passes the same IDX checks as
/// a raw file (<see cref="IdxReadOptions.MaxElements"/> included). Anything else — a missing, truncated, corrupt,
/// stale or foreign file, or an I/O error — falls back silently to decoding the source, which then rewrites the
/// cache file. Writes are atomic (temporary file, flush, rename) and best-effort: a read-only or full disk only
/// means no cache. Sources that are not gzipped are read directly: there is nothing to save.</para>
/// <para>Thread safety: instances hold only the folder name; concurrent reads and writes, also from several
/// processes, are safe (a reader sees either no file or a complete one).</para>
/// </remarks>
public sealed class IdxCache
{
    /// <summary>The cache file format version; files of any other version are ignored and rewritten.</summary>
    public const int FormatVersion = 1;

    internal const int HeaderLength = 56;
    internal static ReadOnlySpan<byte> Magic => "DNDRIDXC"u8;

    /// <summary>A cache kept in <paramref name="directory"/> (created when first written).</summary>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null or empty.</exception>
    public IdxCache(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = directory;
    }

    /// <summary>The folder holding the cache files.</summary>
    public string Directory { get; }

    /// <summary>$XDG_CACHE_HOME/dendrite/idx-decoded, or ~/.cache/dendrite/idx-decoded.</summary>
    public static string DefaultDirectory => Path.Combine(Loading.FashionMnistLocator.UserCacheRoot, "idx-decoded");

    /// <summary>
    /// The IDX file at <paramref name="path"/>, from its decoded copy when a valid one exists, else decoded with
    /// <see cref="IdxReader.Read(string, IdxReadOptions?)"/> (and then cached when the source is gzipped).
    /// Errors in the source are reported exactly as <see cref="IdxReader"/> reports them.
    /// </summary>
    /// <param name="path">The IDX file, raw or gzipped.</param>
    /// <param name="options">Limits; <see cref="IdxReadOptions.Default"/> when null.</param>
    public IdxFile Read(string path, IdxReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        SourceStamp? stamp = SourceStamp.TryTake(path);
        if (stamp is null) return IdxReader.Read(path, options);
        string cachePath = CachePathFor(stamp.FullPath);
        long maxElements = Math.Min((options ?? IdxReadOptions.Default).MaxElements, Array.MaxLength);
        if (TryReadCached(cachePath, path, stamp, maxElements) is { } cached) return cached;

        IdxFile decoded = IdxReader.Read(path, options);
        TryWrite(cachePath, stamp, decoded);
        return decoded;
    }

    /// <summary>Where the decoded copy of the source at <paramref name="fullPath"/> is kept.</summary>
    internal string CachePathFor(string fullPath)
    {
        byte[] key = SHA256.HashData(Encoding.UTF8.GetBytes(fullPath));
        return Path.Combine(Directory, Convert.ToHexString(key, 0, 16).ToLowerInvariant() + ".idx");
    }

    private static IdxFile? TryReadCached(string cachePath, string sourcePath, SourceStamp stamp, long maxElements)
    {
        try
        {
            using var file = new FileStream(cachePath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            long length = file.Length;
            if (length < HeaderLength) return null;
            Span<byte> header = stackalloc byte[HeaderLength];
            if (ReadFully(file, header) != HeaderLength) return null;
            if (!header[..8].SequenceEqual(Magic)
                || BinaryPrimitives.ReadInt32LittleEndian(header[8..]) != FormatVersion
                || BinaryPrimitives.ReadInt32LittleEndian(header[12..]) != HeaderLength
                || BinaryPrimitives.ReadInt64LittleEndian(header[16..]) != stamp.Length
                || BinaryPrimitives.ReadInt64LittleEndian(header[24..]) != stamp.LastWriteTicks
                || BinaryPrimitives.ReadInt64LittleEndian(header[40..]) != length - HeaderLength)
                return null;

            // The payload is a raw IDX file: the reader's own header checks (limits included) apply.
            (int[] dims, long count, int idxHeaderLength) = IdxReader.ReadHeader(file, cachePath, compressed: false, maxElements);
            if (length - HeaderLength - idxHeaderLength != count) return null;
            var data = new byte[count];
            if (ReadFully(file, data) != count) return null;

            if (PayloadHash(IdxHeaderBytes(dims), data) != BinaryPrimitives.ReadUInt64LittleEndian(header[48..])) return null;
            // Last, the source's content: its length and time stamp may survive an edit (cp -p, tar, rsync -t).
            if (stamp.ContentHash() != BinaryPrimitives.ReadUInt64LittleEndian(header[32..])) return null;
            return new IdxFile(sourcePath, dims, data);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DataFormatException or OutOfMemoryException)
        {
            return null;
        }
    }

    private void TryWrite(string cachePath, SourceStamp stamp, IdxFile decoded)
    {
        string temp = cachePath + $".{Guid.NewGuid():N}.tmp";
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            int[] dims = [.. decoded.Dimensions];
            byte[] idxHeader = IdxHeaderBytes(dims);
            var header = new byte[HeaderLength];
            Magic.CopyTo(header);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), FormatVersion);
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), HeaderLength);
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(16), stamp.Length);
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(24), stamp.LastWriteTicks);
            BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(32), stamp.ContentHash());
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(40), idxHeader.Length + (long)decoded.Data.Length);
            BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(48), PayloadHash(idxHeader, decoded.Data));

            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1))
            {
                output.Write(header);
                output.Write(idxHeader);
                output.Write(decoded.Data);
                output.Flush(flushToDisk: true);
            }
            File.Move(temp, cachePath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best-effort: without a writable cache every load simply decodes.
        }
        finally
        {
            try
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    private static ulong PayloadHash(byte[] idxHeader, byte[] data)
    {
        var hash = new XxHash3();
        hash.Append(idxHeader);
        hash.Append(data);
        return hash.GetCurrentHashAsUInt64();
    }

    /// <summary>The IDX header for unsigned bytes of shape <paramref name="dims"/>: 00 00 08 rank, big-endian sizes.</summary>
    private static byte[] IdxHeaderBytes(int[] dims)
    {
        var bytes = new byte[4 + 4 * dims.Length];
        bytes[2] = IdxReader.UnsignedByteType;
        bytes[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        return bytes;
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}
