namespace Dendrite.Cli.Options;

/// <summary>One accepted option. <paramref name="ValueName"/> is null for a flag that takes no value.</summary>
internal sealed record OptionSpec(string Name, string? ValueName, string Help);
