using System.Buffers.Binary;
using Dendrite.Data.Idx;
using Dendrite.TestKit;

namespace Dendrite.Data.Tests.Idx;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Write(string name, byte[] bytes)
    {
        string path = _temp.Combine(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static DataFormatException ReadFails(string path)
    {
        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        return e;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_RoundTripsDimensionsAndData(bool gzip)
    {
        byte[] data = IdxBytes.Ramp(3 * 4 * 5);
        byte[] raw = IdxBytes.Build([3, 4, 5], data);
        string path = Write("f.idx", gzip ? IdxBytes.Gzip(raw) : raw);

        IdxFile file = IdxReader.Read(path);

        Assert.Equal([3, 4, 5], file.Dimensions);
        Assert.Equal(data, file.Data);
        Assert.Equal(path, file.Path);
    }

    [Fact]
    public void Read_DetectsGzipByMagic_NotByFileName()
    {
        byte[] data = IdxBytes.Ramp(6);
        byte[] raw = IdxBytes.Build([6], data);
        string gzipWithoutSuffix = Write("labels-idx1-ubyte", IdxBytes.Gzip(raw));
        string rawWithGzSuffix = Write("labels-idx1-ubyte.gz", raw);

        Assert.Equal(data, IdxReader.Read(gzipWithoutSuffix).Data);
        Assert.Equal(data, IdxReader.Read(rawWithGzSuffix).Data);
    }

    [Fact]
    public void Read_LargeGzipFile_RoundTrips()
    {
        // Noise does not compress, so the stream spans many deflate blocks and many reads.
        byte[] data = IdxBytes.Noise(300_000, seed: 1);
        string path = Write("big.gz", IdxBytes.Gzip(IdxBytes.Build([300, 1000], data)));

        Assert.Equal(data, IdxReader.Read(path).Data);
    }

    [Fact]
    public void Read_HighlyCompressibleGzip_GrowsBufferToTheClaimedSize()
    {
        // Zeros compress ~1000:1, far beyond the initial capacity guess, so the buffer must grow several times.
        byte[] data = new byte[4_000_000];
        data[^1] = 7;
        string path = Write("zeros.gz", IdxBytes.Gzip(IdxBytes.Build([4000, 1000], data)));

        IdxFile file = IdxReader.Read(path);

        Assert.Equal(data.Length, file.Data.Length);
        Assert.Equal(7, file.Data[^1]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_WrongMagic_ThrowsNamingFileAndMagic(bool gzip)
    {
        byte[] bytes = IdxBytes.Build([2], [1, 2]);
        bytes[0] = 0x12;
        bytes[1] = 0x34;
        string path = Write("bad", gzip ? IdxBytes.Gzip(bytes) : bytes);

        var e = ReadFails(path);
        Assert.Contains("expected magic 00 00", e.Message, StringComparison.Ordinal);
        Assert.Contains("12340801", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x0D, "float32")]
    [InlineData(0x0C, "int32")]
    [InlineData(0x42, "unknown")]
    public void Read_UnsupportedTypeByte_ThrowsNamingTheType(byte type, string typeName)
    {
        string path = Write("typed", IdxBytes.Build([2], new byte[8], type));

        var e = ReadFails(path);
        Assert.Contains($"0x{type:X2}", e.Message, StringComparison.Ordinal);
        Assert.Contains(typeName, e.Message, StringComparison.Ordinal);
        Assert.Contains("only 0x08 (unsigned byte)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ZeroDimensions_Throws()
    {
        var e = ReadFails(Write("rank0", IdxBytes.Build([], [])));
        Assert.Contains("0 dimensions", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Read_NonPositiveDimension_Throws(int dim)
    {
        var e = ReadFails(Write("dim", IdxBytes.Build([3, dim], [])));
        Assert.Contains($"dimension 1 is {dim}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedRawData_ThrowsWithClaimedAndActualSizes()
    {
        byte[] bytes = IdxBytes.Build([10, 10], IdxBytes.Ramp(100));
        var e = ReadFails(Write("cut", bytes[..^30]));
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        Assert.Contains("[10, 10] = 100 bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains("only 70", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedRawHeader_Throws()
    {
        byte[] bytes = IdxBytes.Build([10, 10, 10], IdxBytes.Ramp(1000));
        var e = ReadFails(Write("cut", bytes[..9]));
        Assert.Contains("truncated IDX header", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RawFileWithExtraBytes_Throws()
    {
        byte[] bytes = [.. IdxBytes.Build([4], [1, 2, 3, 4]), 9, 9];
        var e = ReadFails(Write("long", bytes));
        Assert.Contains("2 unexpected bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GzipCutAtAnyPoint_ThrowsDataFormatException()
    {
        byte[] gz = IdxBytes.Gzip(IdxBytes.Build([50, 40], IdxBytes.Noise(2000, seed: 2)));
        for (int length = 1; length < gz.Length; length += length < 64 ? 1 : 37)
        {
            string path = Write($"cut{length}.gz", gz[..length]);
            // Assert.Throws demands exactly this type: an EndOfStream/InvalidData exception leaking out fails.
            ReadFails(path);
        }
    }

    [Fact]
    public void Read_GzipShorterThanHeaderClaims_ThrowsFromTheTrailerCheck()
    {
        // A valid gzip stream of a truncated IDX file: the trailer honestly records the short size.
        byte[] raw = IdxBytes.Build([10, 10], IdxBytes.Ramp(100));
        var e = ReadFails(Write("short.gz", IdxBytes.Gzip(raw[..^30])));
        Assert.Contains("gzip trailer records 82", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GzipEndingEarly_WithForgedTrailer_Throws()
    {
        // Trailer claims the full size, so only the streaming read can notice the data ends early.
        byte[] raw = IdxBytes.Build([10, 10], IdxBytes.Ramp(100));
        byte[] gz = IdxBytes.Gzip(raw[..^30]);
        BinaryPrimitives.WriteUInt32LittleEndian(gz.AsSpan(gz.Length - 4), (uint)raw.Length);

        ReadFails(Write("forged.gz", gz));
    }

    [Fact]
    public void Read_GzipWithDataAfterTheClaimedSize_Throws()
    {
        byte[] raw = [.. IdxBytes.Build([4], [1, 2, 3, 4]), 9, 9, 9];
        var e = ReadFails(Write("long.gz", IdxBytes.Gzip(raw)));
        Assert.Contains("continues after the 4 bytes", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, 32768, 65536)] // 2^31 elements: more than any .NET array
    [InlineData(true, 32768, 65536)]
    [InlineData(false, 32768, 32768)] // 2^30: allocatable, but the file is tiny
    [InlineData(true, 32768, 32768)]
    public void Read_HugeHeaderClaim_FailsWithoutAllocatingIt(bool gzip, int rows, int columns)
    {
        byte[] raw = IdxBytes.Build([rows, columns], IdxBytes.Ramp(16));
        string path = Write("huge", gzip ? IdxBytes.Gzip(raw) : raw);
        IdxReader.Read(Write("warmup", IdxBytes.Build([1], [0]))); // JIT and statics out of the measurement

        long before = GC.GetAllocatedBytesForCurrentThread();
        ReadFails(path);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes for a header claiming {(long)rows * columns}");
    }

    [Fact]
    public void Read_GzipClaimBeyondDeflateRatio_WithForgedTrailer_IsRejectedUpFront()
    {
        byte[] gz = IdxBytes.Gzip(IdxBytes.Build([32768, 32768], IdxBytes.Ramp(16)));
        BinaryPrimitives.WriteUInt32LittleEndian(gz.AsSpan(gz.Length - 4), 12u + (1u << 30));

        var e = ReadFails(Write("bomb.gz", gz));
        Assert.Contains("compressed bytes cannot hold more than", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GzipPlausibleButFalseClaim_AllocatesOnlyAboutWhatTheStreamHolds()
    {
        // 100 kB of noise claiming 100 MB: within deflate's 1032:1 ratio and with a forged trailer, so only the
        // growing buffer keeps the reader from allocating the claim.
        int rows = 100, columns = 1_000_000;
        byte[] gz = IdxBytes.Gzip(IdxBytes.Build([rows, columns], IdxBytes.Noise(100_000, seed: 3)));
        BinaryPrimitives.WriteUInt32LittleEndian(gz.AsSpan(gz.Length - 4), (uint)(12 + rows * columns));
        string path = Write("liar.gz", gz);
        IdxReader.Read(Write("warmup", IdxBytes.Build([1], [0])));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = ReadFails(path);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("gzip", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < 8 << 20, $"allocated {allocated} bytes for a stream holding 100 kB");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_HeaderClaimAboveMaxElements_IsRefusedNamingTheLimit_AndRaisingTheLimitReadsIt(bool gzip)
    {
        byte[] raw = IdxBytes.Build([10, 10], IdxBytes.Ramp(100));
        string path = Write("limited", gzip ? IdxBytes.Gzip(raw) : raw);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(path, new IdxReadOptions { MaxElements = 99 }));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("[10, 10], more than the limit of 99 elements", e.Message, StringComparison.Ordinal);
        Assert.Contains("IdxReadOptions.MaxElements", e.Message, StringComparison.Ordinal);
        Assert.Equal(100, IdxReader.Read(path, new IdxReadOptions { MaxElements = 100 }).Data.Length);
    }

    [Fact]
    public void Read_DefaultLimit_RefusesAClaimAboveIt_BeforeAllocating()
    {
        // 2^30 + 1 elements: below the largest .NET array, above the default limit.
        byte[] raw = IdxBytes.Build([(1 << 15) + 1, 1 << 15], IdxBytes.Ramp(16));
        string path = Write("above-default", IdxBytes.Gzip(raw));

        var e = ReadFails(path);

        Assert.Contains($"more than the limit of {IdxReadOptions.DefaultMaxElements} elements", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void ReadOptions_NonPositiveMaxElements_IsRejected(long max)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IdxReadOptions { MaxElements = max });
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("zeros")]
    [InlineData("one byte")]
    [InlineData("empty member")]
    public void Read_GzipFollowedByOtherBytes_IsRefusedAsTrailingData(string tail)
    {
        byte[] gz = IdxBytes.Gzip(IdxBytes.Build([4], [1, 2, 3, 4]));
        byte[] after = tail switch
        {
            "garbage" => IdxBytes.Noise(37, seed: 4),
            "zeros" => new byte[512],
            "one byte" => [0x42],
            // An empty gzip member: header, an empty final deflate block, CRC 0 and size 0.
            _ => [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        };
        string path = Write("tail.gz", [.. gz, .. after]);

        var e = ReadFails(path);

        Assert.True(e.Message.Contains("trailing data after the gzip stream", StringComparison.Ordinal)
                    || e.Message.Contains("followed by other data", StringComparison.Ordinal), e.Message);
    }

    [Theory]
    [InlineData("checksum")]
    [InlineData("method")]
    [InlineData("deflate data")]
    public void Read_CorruptGzip_IsReportedAsCorruptGzip_NotAsAnUnsupportedMethod(string where)
    {
        byte[] gz = IdxBytes.Gzip(IdxBytes.Build([50, 40], IdxBytes.Noise(2000, seed: 5)));
        int index = where switch { "checksum" => gz.Length - 8, "method" => 2, _ => gz.Length / 2 };
        gz[index] ^= 0x5A;

        var e = ReadFails(Write("corrupt.gz", gz));

        Assert.Contains("corrupt gzip", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("unsupported compression method", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GzipHoldingFarMoreThanTheHeaderClaims_StopsDecompressingAtTheClaim()
    {
        // 4 bytes of data claimed, 64 MB of zeros following in the same stream (a 64 kB file): reading must stop one
        // byte past the claim instead of inflating the rest.
        byte[] raw = [.. IdxBytes.Build([4], [1, 2, 3, 4]), .. new byte[64 << 20]];
        string path = Write("bomb-tail.gz", IdxBytes.Gzip(raw));
        IdxReader.Read(Write("warmup", IdxBytes.Build([1], [0])));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = ReadFails(path);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("continues after the 4 bytes", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Read_MissingFile_ThrowsDatasetNotFound()
    {
        string path = _temp.Combine("absent");
        var e = Assert.Throws<DatasetNotFoundException>(() => IdxReader.Read(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }
}
