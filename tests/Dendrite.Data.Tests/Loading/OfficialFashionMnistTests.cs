using System.Security.Cryptography;
using Dendrite.Data.Idx;
using Dendrite.Data.Loading;
using Dendrite.TestKit;

namespace Dendrite.Data.Tests.Loading;

/// <summary>Checks against the real data installed by the Debian package dataset-fashion-mnist.</summary>
public sealed class OfficialFashionMnistTests
{
    public static TheoryData<string> Names => new(FashionMnistFiles.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void OfficialSha256_MatchesTheOfficialFileRebuiltFromTheDebianCopy(string name)
    {
        byte[] official = OfficialFashionMnist.Rebuild(name);

        // The README's MD5 proves the rebuilt bytes are the official file; then its SHA-256 is the constant's.
#pragma warning disable CA5351 // MD5 only to compare with the checksum the upstream README publishes.
        Assert.Equal(OfficialFashionMnist.ReadmeMd5(name), Convert.ToHexString(MD5.HashData(official)).ToLowerInvariant());
#pragma warning restore CA5351
        Assert.Equal(FashionMnistFiles.OfficialSha256(name), Convert.ToHexString(SHA256.HashData(official)).ToLowerInvariant());
    }

    [Fact]
    public void Load_DebianFolder_HasTheOfficialSplitSizesClassBalanceAndPixelRange()
    {
        FashionMnistData data = FashionMnist.Load(OfficialFashionMnist.DebianDirectory);

        Assert.Equal(OfficialFashionMnist.DebianDirectory, data.Source);
        AssertOfficialSplit(data.Train, 60_000);
        AssertOfficialSplit(data.Test, 10_000);
    }

    [Fact]
    public void Load_FromTheDecodedCache_GivesTheSameBitsAsDecoding()
    {
        using var temp = new TempDirectory();
        var cache = new IdxCache(temp.Path);
        // The cache is empty: this load decodes the gzip files (and fills the cache).
        FashionMnistData decoded = FashionMnist.Load(OfficialFashionMnist.DebianDirectory, cache: cache);
        Assert.Equal(4, Directory.GetFiles(temp.Path, "*.idx").Length);

        FashionMnistData cached = FashionMnist.Load(OfficialFashionMnist.DebianDirectory, cache: cache);

        Assert.Equal(decoded.Train.Labels, cached.Train.Labels);
        Assert.Equal(decoded.Test.Labels, cached.Test.Labels);
        Assert.True(decoded.Train.Features.AsSpan().SequenceEqual(cached.Train.Features));
        Assert.True(decoded.Test.Features.AsSpan().SequenceEqual(cached.Test.Features));
    }

    private static void AssertOfficialSplit(InMemoryDataset set, int count)
    {
        Assert.Equal(count, set.Count);
        Assert.Equal(784, set.FeatureCount);
        Assert.Equal(10, set.ClassCount);
        var perClass = new int[10];
        foreach (int label in set.Labels) perClass[label]++;
        Assert.All(perClass, n => Assert.Equal(count / 10, n));
        // Both ends reached exactly: 0 → 0 and 255 → 1 (a /256 scaling would fail the max).
        Assert.Equal(0f, set.Features.Min());
        Assert.Equal(1f, set.Features.Max());
    }

    [Fact]
    public void Load_DownloadOfTheOfficialBytes_PassesTheRealChecksumsAndLoads()
    {
        using var temp = new TempDirectory();
        string cache = temp.Combine("cache");
        var served = FashionMnistFiles.Names.ToDictionary(n => n + ".gz", OfficialFashionMnist.Rebuild);
        var handler = new FakeHttpHandler(served);
        var locator = new FashionMnistLocator(cache, temp.CreateSubdirectory("no-system"), handler);

        FashionMnistData data = locator.Load();

        Assert.Equal($"downloaded to {cache}", data.Source);
        Assert.Equal(60_000, data.Train.Count);
        Assert.Equal(10_000, data.Test.Count);
        Assert.Equal(FashionMnistFiles.Names.Select(n => new Uri(FashionMnistFiles.OfficialBaseUri, n + ".gz")), handler.Requests);
        Assert.Equal(4, Directory.GetFiles(cache).Length);
    }
}
