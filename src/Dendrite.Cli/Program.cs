using Spectre.Console;

namespace Dendrite.Cli;

internal static class Program
{
    // Live progress needs a terminal that takes ANSI escapes: on a dumb one (TERM=dumb or unset) Spectre.Console would
    // draw nothing until the end, so such a terminal gets the plain per-epoch lines, as a pipe does.
    private static int Main(string[] args) => Cli.Run(args, Console.Out, Console.Error,
        CliServices.Default with { Interactive = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Ansi });
}
