using System.Buffers.Binary;
using System.IO.Compression;

namespace Dendrite.Data.Idx;

/// <summary>
/// Reads IDX files (the MNIST container: magic 00 00 type rank, then rank big-endian int32 dimensions, then the
/// elements), either raw or gzip-compressed; gzip is recognised by its 1F 8B magic, not by the file name.
/// Only unsigned-byte elements (type 0x08) are supported.
/// </summary>
/// <remarks>
/// A header is never trusted with memory: the element count it claims is checked against the real data before
/// anything of that size is allocated. Raw files are checked against the file length. Gzip files are checked up
/// front against a hard ceiling (a .NET array holds at most <see cref="Array.MaxLength"/> bytes), against the most
/// that deflate can expand the compressed bytes (1032:1), and against the uncompressed size the gzip trailer
/// records (ISIZE); the data is then read into a buffer that grows only as decompressed bytes actually arrive,
/// capped at the claimed size, so a lying header costs at most what the stream really contains, and decompression
/// stops one byte past what the header justifies. Every header is also held to <see cref="IdxReadOptions.MaxElements"/>.
/// A gzip file must be exactly one gzip member holding exactly the IDX data: bytes after the end of the compressed
/// stream are refused (the trailer's recorded size must equal the header's claim), and invalid compressed data or a
/// failed checksum is reported as a corrupt gzip stream.
/// </remarks>
public static class IdxReader
{
    /// <summary>The only element type supported: unsigned byte.</summary>
    public const byte UnsignedByteType = 0x08;

    // Deflate's best case is a 258-byte match coded in about 2 bits, a ratio of at most 1032:1 (zlib's technical
    // notes); no honest gzip file decompresses to more than this many times its own size.
    private const long MaxDeflateRatio = 1032;

    // A gzip member is at least a 10-byte header plus the 8-byte CRC32/ISIZE trailer.
    private const int MinGzipLength = 18;

    // Start the growing buffer at the claimed size when the compressed file plausibly holds it (real IDX data
    // compresses at most ~8:1, so real files never reallocate); a header claiming far more starts small.
    private const long InitialExpansionGuess = 8;
    private const int MinInitialCapacity = 1 << 16;

    /// <summary>Reads the IDX file at <paramref name="path"/> (raw or gzip).</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Limits; <see cref="IdxReadOptions.Default"/> when null.</param>
    /// <exception cref="DataFormatException">The file is not a well-formed unsigned-byte IDX file, or its header
    /// claims more than <see cref="IdxReadOptions.MaxElements"/> elements.</exception>
    /// <exception cref="DatasetNotFoundException">The file does not exist.</exception>
    public static IdxFile Read(string path, IdxReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        long maxElements = Math.Min((options ?? IdxReadOptions.Default).MaxElements, Array.MaxLength);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DatasetNotFoundException($"{path}: IDX file not found", e);
        }

        using (file)
        {
            long length = file.Length;
            Span<byte> signature = stackalloc byte[2];
            int got = ReadFully(file, signature);
            file.Position = 0;
            bool isGzip = got == 2 && signature[0] == 0x1F && signature[1] == 0x8B;
            return isGzip ? ReadGzip(file, path, length, maxElements) : ReadRaw(file, path, length, maxElements);
        }
    }

    private static IdxFile ReadRaw(FileStream file, string path, long fileLength, long maxElements)
    {
        (int[] dims, long count, int headerLength) = ReadHeader(file, path, compressed: false, maxElements);
        long available = fileLength - headerLength;
        if (available < count)
            throw new DataFormatException(
                $"{path}: truncated IDX file: header claims {Shape(dims)} = {count} bytes of data, but the file has only {available}");
        if (available > count)
            throw new DataFormatException(
                $"{path}: IDX file has {available - count} unexpected bytes after the {count} bytes of data its header {Shape(dims)} claims");

        var data = new byte[count];
        if (ReadFully(file, data) != count)
            throw new DataFormatException($"{path}: file shrank while being read (expected {count} bytes of data)");
        return new IdxFile(path, dims, data);
    }

    private static IdxFile ReadGzip(FileStream file, string path, long compressedLength, long maxElements)
    {
        if (compressedLength < MinGzipLength)
            throw new DataFormatException(
                $"{path}: truncated gzip file: {compressedLength} bytes, a gzip file has at least {MinGzipLength}");

        // ISIZE: the last 4 bytes, little-endian, the uncompressed size mod 2^32 of the (last) gzip member.
        Span<byte> trailer = stackalloc byte[4];
        file.Position = compressedLength - 4;
        ReadFully(file, trailer);
        uint trailerSize = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        file.Position = 0;

        using var gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
        try
        {
            (int[] dims, long count, int headerLength) = ReadHeader(gzip, path, compressed: true, maxElements);
            long claimedTotal = headerLength + count;
            if (claimedTotal > compressedLength * MaxDeflateRatio)
                throw new DataFormatException(
                    $"{path}: header claims {Shape(dims)} = {count} bytes of data, but {compressedLength} compressed bytes cannot hold more than {compressedLength * MaxDeflateRatio}");
            // claimedTotal < 2^32 here (count <= Array.MaxLength), so it must equal ISIZE for a single-member
            // file. Smaller claims are left to the stream check below (it reports extra bytes precisely).
            if (claimedTotal > trailerSize)
                throw new DataFormatException(
                    $"{path}: header claims {Shape(dims)} = {claimedTotal} bytes uncompressed, but the gzip trailer records {trailerSize} (file truncated, corrupt, or followed by other data)");

            byte[] data = ReadGrowing(gzip, path, dims, count, compressedLength);

            Span<byte> probe = stackalloc byte[1];
            if (gzip.Read(probe) != 0)
                throw new DataFormatException(
                    $"{path}: IDX data continues after the {count} bytes its header {Shape(dims)} claims");
            // The stream ended where the header says, but .NET ignores whatever follows a gzip member that is not
            // another member. The trailer is the file's last 8 bytes only when nothing follows the stream, and then
            // it records exactly the size just read.
            if (trailerSize != claimedTotal)
                throw new DataFormatException(
                    $"{path}: {compressedLength} bytes of gzip, but the compressed stream ends before the end of the file " +
                    $"(the last 4 bytes record {trailerSize} bytes uncompressed, the stream held {claimedTotal}); trailing data after the gzip stream");
            return new IdxFile(path, dims, data);
        }
        // .NET reports any invalid deflate data or checksum as "unsupported compression method", which misleads.
        catch (InvalidDataException e)
        {
            throw new DataFormatException($"{path}: corrupt gzip stream: its compressed data or checksum is invalid", e);
        }
        catch (EndOfStreamException e)
        {
            throw new DataFormatException($"{path}: truncated gzip stream: the file ends inside the compressed data", e);
        }
        catch (IOException e)
        {
            throw new DataFormatException($"{path}: cannot read the gzip stream: {InputText.Clip(e.Message, 200)}", e);
        }
    }

    private static byte[] ReadGrowing(Stream stream, string path, int[] dims, long count, long compressedLength)
    {
        long initial = Math.Min(count, Math.Max(MinInitialCapacity, compressedLength * InitialExpansionGuess));
        var buffer = new byte[initial];
        int filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                if (filled == count) break;
                Array.Resize(ref buffer, (int)Math.Min(count, 2L * buffer.Length));
            }
            int n = stream.Read(buffer, filled, buffer.Length - filled);
            if (n == 0) break;
            filled += n;
        }
        if (filled < count)
            throw new DataFormatException(
                $"{path}: truncated gzip data: header claims {Shape(dims)} = {count} bytes of data, the stream ends after {filled}");
        return buffer;
    }

    /// <summary>Parses and validates the header; returns the dimensions, their product and the header size.</summary>
    internal static (int[] Dims, long Count, int HeaderLength) ReadHeader(Stream stream, string path, bool compressed, long maxElements)
    {
        string what = compressed ? "decompressed IDX data" : "IDX file";
        Span<byte> magic = stackalloc byte[4];
        int got = ReadFully(stream, magic);
        if (got < 4)
            throw new DataFormatException($"{path}: {what} is {got} bytes long, too short for the 4-byte IDX magic");
        if (magic[0] != 0 || magic[1] != 0)
            throw new DataFormatException(
                $"{path}: not an IDX file: expected magic 00 00 <type> <rank>, found {Convert.ToHexString(magic[..4]).ToLowerInvariant()}");
        byte type = magic[2];
        if (type != UnsignedByteType)
            throw new DataFormatException(
                $"{path}: unsupported IDX element type 0x{type:X2} ({TypeName(type)}); only 0x08 (unsigned byte) is supported");
        int rank = magic[3];
        if (rank == 0)
            throw new DataFormatException($"{path}: IDX header declares 0 dimensions, expected at least 1");

        Span<byte> dimBytes = stackalloc byte[4 * rank];
        got = ReadFully(stream, dimBytes);
        if (got < dimBytes.Length)
            throw new DataFormatException(
                $"{path}: truncated IDX header: {rank} dimensions need {dimBytes.Length} bytes after the magic, found {got}");

        var dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            int d = BinaryPrimitives.ReadInt32BigEndian(dimBytes.Slice(4 * i, 4));
            if (d <= 0)
                throw new DataFormatException($"{path}: IDX dimension {i} is {d}, expected a positive size");
            dims[i] = d;
        }
        // Each factor is >= 1, so the running product only grows: stop as soon as it passes the ceiling, before
        // a long could overflow.
        foreach (int d in dims)
        {
            count *= d;
            if (count <= maxElements) continue;
            if (maxElements == Array.MaxLength)
                throw new DataFormatException(
                    $"{path}: IDX header claims {Shape(dims)}, more than {Array.MaxLength} elements (the largest .NET array); file corrupt");
            throw new DataFormatException(
                $"{path}: IDX header claims {Shape(dims)}, more than the limit of {maxElements} elements; " +
                "file corrupt, or raise the limit (IdxReadOptions.MaxElements; --max-idx-elements in the CLI) for a genuine larger file");
        }
        return (dims, count, 4 + dimBytes.Length);
    }

    private static string TypeName(byte type) => type switch
    {
        0x08 => "unsigned byte",
        0x09 => "signed byte",
        0x0B => "int16",
        0x0C => "int32",
        0x0D => "float32",
        0x0E => "float64",
        _ => "unknown type",
    };

    private static string Shape(int[] dims) => IdxFile.FormatShape(dims);

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
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
