using Dendrite.Data;

namespace Dendrite.Cli;

/// <summary>
/// What commands need from the outside world, replaceable in tests (e.g. a tiny synthetic data set instead of
/// Fashion-MNIST).
/// </summary>
/// <param name="LoadData">Loads the data set from an optional folder, sending one-line progress notes to the callback.</param>
public sealed record CliServices(Func<string?, Action<string>, FashionMnistData> LoadData)
{
    /// <summary>The real world: Fashion-MNIST from --data, the Debian package's folder or the known locations.</summary>
    public static CliServices Default { get; } = new((dir, log) => LoadFashionMnist(dir, log, null));

    /// <summary>Where <c>train</c> creates runs/&lt;timestamp&gt; folders when --out is not given.</summary>
    public string RunsRoot { get; init; } = "runs";

    /// <summary>True when stdout is an interactive terminal that takes ANSI escapes, so live progress bars may be drawn.</summary>
    public bool Interactive { get; init; }

    /// <summary>Names the environment variable that turns the decoded-data cache off when set to 0, off or false.</summary>
    public const string DataCacheVariable = "DENDRITE_DATA_CACHE";

    /// <summary>
    /// The decoded-IDX cache under $XDG_CACHE_HOME/dendrite (or ~/.cache/dendrite), unless
    /// <see cref="DataCacheVariable"/> turns it off; later loads then read the decoded bytes instead of inflating them.
    /// </summary>
    internal static Data.Idx.IdxCache? DataCache()
    {
        string? setting = Environment.GetEnvironmentVariable(DataCacheVariable)?.Trim();
        bool off = setting is not null && (setting == "0" || setting.Equals("off", StringComparison.OrdinalIgnoreCase)
                                           || setting.Equals("false", StringComparison.OrdinalIgnoreCase));
        return off ? null : new Data.Idx.IdxCache(Data.Idx.IdxCache.DefaultDirectory);
    }

    /// <summary>
    /// Fashion-MNIST from <paramref name="dir"/> or the usual places, read within <paramref name="limits"/> (null:
    /// the reader's defaults); a failure names the option that gives the folder.
    /// </summary>
    internal static FashionMnistData LoadFashionMnist(string? dir, Action<string> log, Data.Idx.IdxReadOptions? limits)
    {
        try
        {
            return FashionMnist.Load(dir, log, limits, DataCache());
        }
        catch (DatasetNotFoundException e)
        {
            throw new DatasetNotFoundException(e.Message.Replace("give a data folder", "pass --data DIR", StringComparison.Ordinal)
                .Replace("the data folder must hold", "the folder given with --data must hold", StringComparison.Ordinal), e);
        }
    }
}
