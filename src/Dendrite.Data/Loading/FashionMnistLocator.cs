using System.Security.Cryptography;
using Dendrite.Data.Idx;

namespace Dendrite.Data.Loading;

/// <summary>
/// Finds the Fashion-MNIST files, in this order: an explicit folder (when given, only there); the user cache
/// folder; the system folder of the Debian package; finally a download from the official location into the cache.
/// Folders and the HTTP handler are injectable so each step can be tested; <see cref="CreateDefault"/> gives the
/// real ones.
/// </summary>
public sealed class FashionMnistLocator
{
    /// <summary>Where the Debian package dataset-fashion-mnist installs the files.</summary>
    public const string DebianDirectory = "/usr/share/datasets/fashion-mnist";

    private readonly HttpMessageHandler? _httpHandler;
    private readonly Func<string, string> _expectedSha256;

    /// <summary>
    /// A locator over the given folders and download location, checking downloads against the official SHA-256s.
    /// </summary>
    /// <param name="cacheDirectory">User cache folder; downloads are stored here.</param>
    /// <param name="systemDirectory">Read-only system folder (normally <see cref="DebianDirectory"/>).</param>
    /// <param name="httpHandler">Handler for downloads (not disposed); null uses a real network handler.</param>
    /// <param name="baseUri">Download location; null uses <see cref="FashionMnistFiles.OfficialBaseUri"/>.</param>
    /// <exception cref="ArgumentNullException">
    /// <paramref name="cacheDirectory"/> or <paramref name="systemDirectory"/> is null.
    /// </exception>
    public FashionMnistLocator(string cacheDirectory, string systemDirectory, HttpMessageHandler? httpHandler = null, Uri? baseUri = null)
        : this(cacheDirectory, systemDirectory, httpHandler, baseUri, FashionMnistFiles.OfficialSha256)
    {
    }

    /// <summary>Tests substitute the checksums to download tiny files.</summary>
    internal FashionMnistLocator(string cacheDirectory, string systemDirectory, HttpMessageHandler? httpHandler, Uri? baseUri,
                                 Func<string, string> expectedSha256)
    {
        ArgumentNullException.ThrowIfNull(cacheDirectory);
        ArgumentNullException.ThrowIfNull(systemDirectory);
        CacheDirectory = cacheDirectory;
        SystemDirectory = systemDirectory;
        _httpHandler = httpHandler;
        BaseUri = baseUri ?? FashionMnistFiles.OfficialBaseUri;
        _expectedSha256 = expectedSha256;
    }

    /// <summary>The user cache folder, searched second and where downloads are stored (created when needed).</summary>
    public string CacheDirectory { get; }

    /// <summary>The read-only system folder, searched third (normally <see cref="DebianDirectory"/>).</summary>
    public string SystemDirectory { get; }

    /// <summary>Where downloads come from: each file's URL is this plus "name.gz".</summary>
    public Uri BaseUri { get; }

    /// <summary>$XDG_CACHE_HOME/dendrite/fashion-mnist, or ~/.cache/dendrite/fashion-mnist.</summary>
    public static string DefaultCacheDirectory => Path.Combine(UserCacheRoot, "fashion-mnist");

    /// <summary>$XDG_CACHE_HOME/dendrite, or ~/.cache/dendrite: the root of Dendrite's user caches.</summary>
    internal static string UserCacheRoot
    {
        get
        {
            // XDG base-directory spec: a relative XDG_CACHE_HOME is invalid and must be ignored.
            string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            string root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(root, "dendrite");
        }
    }

    /// <summary>The real cache folder, the Debian folder and the network.</summary>
    public static FashionMnistLocator CreateDefault() => new(DefaultCacheDirectory, DebianDirectory);

    /// <summary>
    /// Locates (downloading if needed) and loads the data set; <paramref name="idxOptions"/> limits the files'
    /// headers, and <paramref name="cache"/>, when given, keeps decoded copies of the gzipped files.
    /// </summary>
    public FashionMnistData Load(string? dataDirectory = null, Action<string>? log = null, IdxReadOptions? idxOptions = null,
                                 IdxCache? cache = null)
    {
        (string directory, string source) = Locate(dataDirectory, log);
        log?.Invoke($"Loading Fashion-MNIST from {directory}");
        return FashionMnist.LoadDirectory(directory, source, FashionMnist.ImageSide, idxOptions, cache);
    }

    /// <summary>
    /// The folder holding all four files and a description of where they came from (the folder, or
    /// "downloaded to …").
    /// </summary>
    /// <exception cref="DatasetNotFoundException">Not found anywhere and the download failed; the message lists
    /// every option.</exception>
    public (string Directory, string Source) Locate(string? dataDirectory = null, Action<string>? log = null)
    {
        if (dataDirectory is not null)
        {
            IReadOnlyList<string> missing = FashionMnistFiles.Missing(dataDirectory);
            if (missing.Count > 0)
                throw new DatasetNotFoundException(
                    $"Fashion-MNIST not found in {dataDirectory}: {Describe(dataDirectory, missing)}; the data folder must hold {ExpectedFiles()}");
            return (dataDirectory, dataDirectory);
        }

        IReadOnlyList<string> missingInCache = FashionMnistFiles.Missing(CacheDirectory);
        if (missingInCache.Count == 0) return (CacheDirectory, CacheDirectory);

        IReadOnlyList<string> missingInSystem = FashionMnistFiles.Missing(SystemDirectory);
        if (missingInSystem.Count == 0) return (SystemDirectory, SystemDirectory);

        try
        {
            // Files already in the cache were verified when they were downloaded; fetch only the rest.
            foreach (string name in missingInCache) Download(name, log);
            return (CacheDirectory, $"downloaded to {CacheDirectory}");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or UnauthorizedAccessException
                                      or TaskCanceledException or DatasetDownloadException)
        {
            // The fix comes first: the CLI shows one line of at most 280 characters, and the Debian package is the fix
            // on a machine without internet.
            throw new DatasetNotFoundException(
                $"Fashion-MNIST not found and not downloadable. To fix, do one of: run `sudo apt-get install dataset-fashion-mnist` "
                + $"(installs it in {DebianDirectory}); give a data folder holding {ExpectedFiles()}; put those files in {CacheDirectory}; "
                + $"or allow the download from {BaseUri}. Download failed: {Reason(e)}. "
                + $"Looked in cache folder {CacheDirectory}: {Describe(CacheDirectory, missingInCache)}; "
                + $"system folder {SystemDirectory}: {Describe(SystemDirectory, missingInSystem)}",
                e);
        }
    }

    /// <summary>
    /// Downloads name.gz into the cache atomically: written to a temporary file, flushed to disk, checked against
    /// the official SHA-256, and only then renamed into place. On any failure the temporary file is deleted.
    /// </summary>
    private void Download(string name, Action<string>? log)
    {
        var uri = new Uri(BaseUri, name + ".gz");
        string target = Path.Combine(CacheDirectory, name + ".gz");
        string temp = Path.Combine(CacheDirectory, $".{name}.gz.{Guid.NewGuid():N}.tmp");
        log?.Invoke($"Downloading {uri}");
        Directory.CreateDirectory(CacheDirectory);

        using HttpClient client = _httpHandler is null
            ? new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(20) }, disposeHandler: true)
            : new HttpClient(_httpHandler, disposeHandler: false);
        client.Timeout = TimeSpan.FromMinutes(30);

        try
        {
            string actual;
            using (var request = new HttpRequestMessage(HttpMethod.Get, uri))
            using (HttpResponseMessage response = client.Send(request, HttpCompletionOption.ResponseHeadersRead))
            {
                if (!response.IsSuccessStatusCode)
                    throw new DatasetDownloadException($"{uri}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                using Stream body = response.Content.ReadAsStream();
                using var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[1 << 16];
                int n;
                while ((n = body.Read(buffer)) > 0)
                {
                    hash.AppendData(buffer, 0, n);
                    output.Write(buffer, 0, n);
                }
                output.Flush(flushToDisk: true);
                actual = Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
            }

            string expected = _expectedSha256(name);
            if (actual != expected)
                throw new DatasetDownloadException(
                    $"{uri}: SHA-256 checksum mismatch: expected {expected}, got {actual} (file discarded)");
            File.Move(temp, target, overwrite: true);
            log?.Invoke($"Saved {target} (SHA-256 verified)");
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static string Describe(string directory, IReadOnlyList<string> missing)
        => Directory.Exists(directory) ? "missing " + string.Join(", ", missing.Select(n => n + "(.gz)")) : "no such folder";

    private static string ExpectedFiles()
        => string.Join(", ", FashionMnistFiles.Names.Select(n => n + ".gz")) + " (gzipped or not)";

    private static string Reason(Exception e)
    {
        if (e is TaskCanceledException) return "timed out";
        string reason = e.Message;
        for (Exception? inner = e.InnerException; inner is not null; inner = inner.InnerException)
            reason += " (" + inner.Message + ")";
        return reason;
    }
}
