namespace Dendrite.Cli.Options;

/// <summary>Options as given on the command line (raw strings), plus the help context for value errors.</summary>
internal sealed class ParsedOptions
{
    private readonly Dictionary<string, string?> _values;

    public ParsedOptions(Dictionary<string, string?> values, bool helpRequested, string helpCommand)
    {
        _values = values;
        HelpRequested = helpRequested;
        HelpCommand = helpCommand;
    }

    public bool HelpRequested { get; }

    /// <summary>Positional arguments in the order given (only for commands that declare them).</summary>
    public IReadOnlyList<string> Positionals { get; init; } = [];

    public string HelpCommand { get; }

    /// <summary>Where options that did not come from the command line came from: option name → "--config file 'f': key 'k'".</summary>
    public IReadOnlyDictionary<string, string> Origins { get; init; } = new Dictionary<string, string>();

    /// <summary>How a message names option <paramref name="name"/>: "--lr", or the config file and key it came from.</summary>
    public string Label(string name) => Origins.TryGetValue(name, out string? origin) ? origin : "--" + name;

    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The raw value of <paramref name="name"/>, or null when absent.</summary>
    public string? Get(string name) => _values.GetValueOrDefault(name);

    /// <summary>A usage error about option <paramref name="name"/>.</summary>
    public UsageException Error(string name, string expected) =>
        new($"{Label(name)} {expected}, got '{InputText.Clip(Get(name))}'", HelpCommand);
}
