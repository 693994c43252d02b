using System.Security.Cryptography;
using Dendrite.Data.Loading;
using Dendrite.TestKit;

namespace Dendrite.Data.Tests.Loading;

public sealed class FashionMnistLocatorTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _cache;
    private readonly string _system;

    public FashionMnistLocatorTests()
    {
        _cache = _temp.Combine("cache");       // not created: a fresh machine has no cache folder
        _system = _temp.CreateSubdirectory("system");
    }

    public void Dispose() => _temp.Dispose();

    private static readonly Uri Base = new("http://example.test/fashion/");

    private FashionMnistLocator Locator(FakeHttpHandler? handler = null, Dictionary<string, byte[]>? served = null)
    {
        handler ??= new FakeHttpHandler([]);
        if (served is null) return new FashionMnistLocator(_cache, _system, handler, Base);
        // Tiny files need their own checksums; the real ones are checked by the Debian test below.
        return new FashionMnistLocator(_cache, _system, handler, Base, name => Sha256(served[name + ".gz"]));
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    private static Dictionary<string, byte[]> Served(Dictionary<string, byte[]> files)
        => files.ToDictionary(kv => kv.Key + ".gz", kv => kv.Value);

    [Fact]
    public void Locate_ExplicitDirectory_WinsOverCacheAndSystem()
    {
        string explicitDir = _temp.CreateSubdirectory("mine");
        TinyFashionMnist.Write(explicitDir);
        TinyFashionMnist.Write(_cache);
        TinyFashionMnist.Write(_system);

        Assert.Equal((explicitDir, explicitDir), Locator().Locate(explicitDir));
    }

    [Fact]
    public void Locate_ExplicitDirectoryWithoutFiles_DoesNotFallBack()
    {
        string explicitDir = _temp.CreateSubdirectory("empty");
        TinyFashionMnist.Write(_cache);
        TinyFashionMnist.Write(_system);

        var e = Assert.Throws<DatasetNotFoundException>(() => Locator().Locate(explicitDir));

        Assert.Contains($"not found in {explicitDir}", e.Message, StringComparison.Ordinal);
        Assert.Contains("the data folder must hold", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("--", e.Message, StringComparison.Ordinal); // the CLI names its flag, the library does not
    }

    [Fact]
    public void Locate_CacheIsPreferredOverSystemFolder()
    {
        TinyFashionMnist.Write(_cache);
        TinyFashionMnist.Write(_system);

        Assert.Equal((_cache, _cache), Locator().Locate());
    }

    [Fact]
    public void Locate_SystemFolderIsUsed_WhenCacheIsEmpty()
    {
        Directory.CreateDirectory(_cache);
        TinyFashionMnist.Write(_system, gzip: false);
        var handler = new FakeHttpHandler([]);

        Assert.Equal((_system, _system), Locator(handler).Locate());
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void Locate_SystemFolderIsUsed_WhenCacheIsIncomplete()
    {
        TinyFashionMnist.Write(_cache);
        File.Delete(Path.Combine(_cache, FashionMnistFiles.TestLabels + ".gz"));
        TinyFashionMnist.Write(_system);

        Assert.Equal((_system, _system), Locator().Locate());
    }

    [Fact]
    public void Locate_NothingLocal_DownloadsVerifiesAndCachesEachFile()
    {
        Dictionary<string, byte[]> served = Served(TinyFashionMnist.GzipFiles());
        var handler = new FakeHttpHandler(served);
        var log = new List<string>();

        (string dir, string source) = Locator(handler, served).Locate(log: log.Add);

        Assert.Equal(_cache, dir);
        Assert.Equal($"downloaded to {_cache}", source);
        Assert.Equal(FashionMnistFiles.Names.Select(n => new Uri(Base, n + ".gz")), handler.Requests);
        foreach (string name in FashionMnistFiles.Names)
            Assert.Equal(served[name + ".gz"], File.ReadAllBytes(Path.Combine(_cache, name + ".gz")));
        Assert.Equal(4, Directory.GetFiles(_cache).Length); // no temporary files left behind
        Assert.Contains(log, line => line.StartsWith("Downloading http://example.test/fashion/", StringComparison.Ordinal));

        FashionMnistData data = FashionMnist.LoadDirectory(dir, source, imageSide: 2);
        Assert.Equal(TinyFashionMnist.TrainCount, data.Train.Count);
    }

    [Fact]
    public void Locate_PartialCache_DownloadsOnlyTheMissingFiles()
    {
        Dictionary<string, byte[]> served = Served(TinyFashionMnist.GzipFiles());
        TinyFashionMnist.Write(_cache);
        File.Delete(Path.Combine(_cache, FashionMnistFiles.TrainImages + ".gz"));
        var handler = new FakeHttpHandler(served);

        Locator(handler, served).Locate();

        Assert.Equal([new Uri(Base, FashionMnistFiles.TrainImages + ".gz")], handler.Requests);
    }

    [Fact]
    public void Locate_DownloadWithWrongBytes_FailsOnChecksumAndKeepsNothing()
    {
        Dictionary<string, byte[]> served = Served(TinyFashionMnist.GzipFiles());
        // The real checksums: tiny files cannot match them.
        var handler = new FakeHttpHandler(served);

        var e = Assert.Throws<DatasetNotFoundException>(() => Locator(handler).Locate());

        Assert.Contains("SHA-256 checksum mismatch", e.Message, StringComparison.Ordinal);
        Assert.Contains(FashionMnistFiles.OfficialSha256(FashionMnistFiles.TrainImages), e.Message, StringComparison.Ordinal);
        Assert.IsType<DatasetDownloadException>(e.InnerException);
        Assert.Empty(Directory.GetFiles(_cache));
    }

    [Fact]
    public void Locate_NetworkFailure_GivesOneMessageListingEveryOption()
    {
        var handler = new FakeHttpHandler([]) { Failure = new HttpRequestException("Name or service not known") };

        var e = Assert.Throws<DatasetNotFoundException>(() => Locator(handler).Locate());

        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("give a data folder holding", e.Message, StringComparison.Ordinal);
        Assert.Contains(_cache, e.Message, StringComparison.Ordinal);
        Assert.Contains(_system, e.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install dataset-fashion-mnist", e.Message, StringComparison.Ordinal);
        // The CLI cuts a message at 280 characters: the Debian package, the fix offline, must come well before that.
        Assert.InRange(e.Message.IndexOf("apt-get install dataset-fashion-mnist", StringComparison.Ordinal), 0, 120);
        Assert.Contains(Base.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Contains("Name or service not known", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cache) && Directory.GetFiles(_cache).Length > 0);
    }

    [Fact]
    public void Locate_HttpErrorStatus_IsReportedInTheNotFoundMessage()
    {
        var handler = new FakeHttpHandler([]); // serves nothing: 404 for every file

        var e = Assert.Throws<DatasetNotFoundException>(() => Locator(handler).Locate());

        Assert.Contains("HTTP 404", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultCacheDirectory_EndsInDendriteFashionMnist()
    {
        Assert.EndsWith(Path.Combine("dendrite", "fashion-mnist"), FashionMnistLocator.DefaultCacheDirectory, StringComparison.Ordinal);
        Assert.True(Path.IsPathRooted(FashionMnistLocator.DefaultCacheDirectory));
    }
}
