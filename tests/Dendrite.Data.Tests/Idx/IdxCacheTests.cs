using System.Buffers.Binary;
using System.IO.Compression;
using Dendrite.Data.Idx;
using Dendrite.TestKit;

namespace Dendrite.Data.Tests.Idx;

public sealed class IdxCacheTests : IDisposable
{
    private static readonly DateTime Past = new(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private readonly TempDirectory _temp = new();
    private readonly IdxCache _cache;
    private readonly string _source;

    public IdxCacheTests()
    {
        _cache = new IdxCache(_temp.Combine("cache"));
        _source = _temp.Combine("images.gz");
        WriteSource(IdxBytes.Noise(6 * 5 * 4, seed: 1));
    }

    public void Dispose() => _temp.Dispose();

    private string CacheFile => _cache.CachePathFor(Path.GetFullPath(_source));

    private void WriteSource(byte[] data) => File.WriteAllBytes(_source, IdxBytes.Gzip(IdxBytes.Build([6, 5, 4], data)));

    private static void AssertSame(IdxFile expected, IdxFile actual)
    {
        Assert.Equal(expected.Path, actual.Path);
        Assert.Equal(expected.Dimensions, actual.Dimensions);
        Assert.Equal(expected.Data, actual.Data);
    }

    [Fact]
    public void Read_Twice_WritesTheDecodedCopyOnceAndReturnsWhatDecodingReturns()
    {
        IdxFile decoded = IdxReader.Read(_source);

        AssertSame(decoded, _cache.Read(_source));
        Assert.True(File.Exists(CacheFile));
        File.SetLastWriteTimeUtc(CacheFile, Past);
        AssertSame(decoded, _cache.Read(_source));

        Assert.Equal(Past, File.GetLastWriteTimeUtc(CacheFile)); // served from the copy, not rewritten
        Assert.Empty(Directory.GetFiles(_cache.Directory, "*.tmp"));
    }

    [Fact]
    public void Read_CacheFileLayout_IsTheDocumentedVersion1Header()
    {
        _cache.Read(_source);

        byte[] file = File.ReadAllBytes(CacheFile);
        Assert.Equal("DNDRIDXC"u8.ToArray(), file[..8]);
        Assert.Equal(IdxCache.FormatVersion, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(8)));
        Assert.Equal(new FileInfo(_source).Length, BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(16)));
        Assert.Equal(file.Length - IdxCache.HeaderLength, BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(40)));
        Assert.Equal(IdxBytes.Build([6, 5, 4], IdxReader.Read(_source).Data), file[IdxCache.HeaderLength..]);
    }

    public static TheoryData<string> Damages => new()
    {
        "empty", "truncated header", "truncated payload", "one data byte flipped", "one IDX header byte flipped",
        "wrong magic", "other version", "payload length lies", "bytes appended", "source hash differs",
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void Read_DamagedCacheFile_FallsBackToDecodingAndRewritesIt(string damage)
    {
        IdxFile decoded = IdxReader.Read(_source);
        _cache.Read(_source);
        byte[] good = File.ReadAllBytes(CacheFile);
        byte[] bad = good.ToArray();
        switch (damage)
        {
            case "empty": bad = []; break;
            case "truncated header": bad = bad[..50]; break;
            case "truncated payload": bad = bad[..^3]; break;
            case "one data byte flipped": bad[^7] ^= 0x10; break;
            case "one IDX header byte flipped": bad[IdxCache.HeaderLength + 7] ^= 0x01; break;
            case "wrong magic": bad[0] = (byte)'X'; break;
            case "other version": BinaryPrimitives.WriteInt32LittleEndian(bad.AsSpan(8), IdxCache.FormatVersion + 1); break;
            case "payload length lies": BinaryPrimitives.WriteInt64LittleEndian(bad.AsSpan(40), 1L << 40); break;
            case "bytes appended": bad = [.. bad, 1, 2, 3]; break;
            case "source hash differs": bad[33] ^= 0xFF; break;
        }
        File.WriteAllBytes(CacheFile, bad);

        AssertSame(decoded, _cache.Read(_source));

        Assert.Equal(good, File.ReadAllBytes(CacheFile));
    }

    [Fact]
    public void Read_CachedHeaderClaimsMoreThanTheLimit_FallsBackWithoutTrustingIt()
    {
        _cache.Read(_source);
        var limits = new IdxReadOptions { MaxElements = 6 * 5 * 4 - 1 };

        // The cached copy is refused by the limit like the source; the error is the source's, as without a cache.
        var e = Assert.Throws<DataFormatException>(() => _cache.Read(_source, limits));

        Assert.Equal(Assert.Throws<DataFormatException>(() => IdxReader.Read(_source, limits)).Message, e.Message);
    }

    [Fact]
    public void Read_SourceRewritten_DecodesTheNewDataAndReplacesTheCopy()
    {
        _cache.Read(_source);
        byte[] newData = IdxBytes.Noise(6 * 5 * 4, seed: 2);
        WriteSource(newData);
        File.SetLastWriteTimeUtc(_source, Past.AddDays(1));

        Assert.Equal(newData, _cache.Read(_source).Data);
        File.SetLastWriteTimeUtc(CacheFile, Past);
        Assert.Equal(newData, _cache.Read(_source).Data);
        Assert.Equal(Past, File.GetLastWriteTimeUtc(CacheFile));
    }

    [Fact]
    public void Read_SourceEditedKeepingLengthAndTime_IsCaughtByTheContentHash()
    {
        // Stored (uncompressed) deflate blocks: the gzip length depends only on the data length.
        File.WriteAllBytes(_source, StoredGzip(IdxBytes.Build([6, 5, 4], IdxBytes.Noise(6 * 5 * 4, seed: 1))));
        File.SetLastWriteTimeUtc(_source, Past);
        _cache.Read(_source);
        long length = new FileInfo(_source).Length;
        byte[] newData = IdxBytes.Noise(6 * 5 * 4, seed: 3);
        File.WriteAllBytes(_source, StoredGzip(IdxBytes.Build([6, 5, 4], newData)));
        File.SetLastWriteTimeUtc(_source, Past);
        Assert.Equal(length, new FileInfo(_source).Length);

        Assert.Equal(newData, _cache.Read(_source).Data);
    }

    private static byte[] StoredGzip(byte[] raw)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.NoCompression, leaveOpen: true)) gzip.Write(raw);
        return memory.ToArray();
    }

    [Fact]
    public void Read_RawSource_IsReadDirectlyWithoutACopy()
    {
        string raw = _temp.Combine("labels");
        File.WriteAllBytes(raw, IdxBytes.Build([3], [1, 2, 3]));

        Assert.Equal([1, 2, 3], _cache.Read(raw).Data);

        Assert.False(Directory.Exists(_cache.Directory));
    }

    [Fact]
    public void Read_UnwritableCacheFolder_StillReads()
    {
        File.WriteAllText(_cache.Directory, "a file where the folder should be");

        AssertSame(IdxReader.Read(_source), _cache.Read(_source));
    }

    [Fact]
    public void Read_MissingOrCorruptSource_FailsAsTheReaderDoes()
    {
        Assert.Throws<DatasetNotFoundException>(() => _cache.Read(_temp.Combine("nope.gz")));
        byte[] gz = File.ReadAllBytes(_source);
        File.WriteAllBytes(_source, gz[..^12]);

        var e = Assert.Throws<DataFormatException>(() => _cache.Read(_source));

        Assert.Equal(Assert.Throws<DataFormatException>(() => IdxReader.Read(_source)).Message, e.Message);
    }
}
