namespace Dendrite.Cli.Options;

/// <summary>A bad command line. Printed as "dendrite: &lt;message&gt; (see &lt;HelpCommand&gt;)" with exit code 2.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message, string helpCommand) : base(message) => HelpCommand = helpCommand;

    /// <summary>Where to read more, e.g. "dendrite train --help".</summary>
    public string HelpCommand { get; }
}
