using System.Reflection;
using Dendrite.Cli.Commands;
using Dendrite.Cli.Options;
using Dendrite.Tensors;

namespace Dendrite.Cli;

/// <summary>
/// The command-line entry point, callable in-process: parses the command name, runs the command and maps user
/// errors to one line on stderr and exit code 2. Bugs (any other exception) propagate and crash loudly.
/// </summary>
public static class Cli
{
    /// <summary>The exit code of a command that did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The exit code of bad options or bad input, reported as one line on stderr.</summary>
    public const int UserError = 2;

    private static readonly ICommand[] Commands =
        [
            new TrainCommand(), new EvalCommand(), new PredictCommand(), new SummaryCommand(), new PlotCommand(), new CvCommand(),
            new ExportCommand(), new ImportCommand(), new ServeCommand(),
        ];

    /// <summary>
    /// Runs the command line <paramref name="args"/> (command name first) as the <c>dendrite</c> executable would,
    /// writing results to <paramref name="stdout"/> and one-line errors and progress notes to
    /// <paramref name="stderr"/>.
    /// </summary>
    /// <returns><see cref="Success"/>, or <see cref="UserError"/> for bad options or input.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CliServices services)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(services);
        try
        {
            return Dispatch(args, stdout, stderr, services);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"dendrite: {OneLine(e.Message)} (see {e.HelpCommand})");
            return UserError;
        }
        catch (DendriteException e)
        {
            stderr.WriteLine($"dendrite: {OneLine(e.Message)}");
            return UserError;
        }
        catch (ShapeMismatchException e)
        {
            stderr.WriteLine($"dendrite: {OneLine(e.Message)}");
            return UserError;
        }
    }

    private static int Dispatch(string[] args, TextWriter stdout, TextWriter stderr, CliServices services)
    {
        if (args.Length == 0) throw new UsageException("no command given", "dendrite --help");
        string first = args[0];
        if (first is "--help" or "-h" or "help")
        {
            if (first == "help" && args.Length > 1) return Find(args[1]).Run(["--help"], stdout, stderr, services);
            stdout.Write(Usage());
            return Success;
        }
        if (first == "--version")
        {
            stdout.WriteLine("dendrite " + Version());
            return Success;
        }
        if (first.StartsWith('-')) throw new UsageException($"unknown option {first}", "dendrite --help");
        return Find(first).Run(args[1..], stdout, stderr, services);
    }

    private static ICommand Find(string name) =>
        Commands.FirstOrDefault(c => c.Name == name)
        ?? throw new UsageException($"unknown command '{name}'", "dendrite --help");

    private static string Usage()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append("dendrite — build, train and evaluate multilayer perceptrons\n\n");
        sb.Append("usage: dendrite <command> [options]\n\ncommands:\n");
        foreach (var c in Commands) sb.Append("  ").Append(c.Name.PadRight(10)).Append(c.Summary).Append('\n');
        sb.Append("\nRun 'dendrite <command> --help' for a command's options.\n");
        return sb.ToString();
    }

    internal static string Version() =>
        typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>Error lines longer than this are cut (echoed input can be anything).</summary>
    public const int MaxErrorLength = 280;

    /// <summary>Keeps a user error on one stderr line of at most <see cref="MaxErrorLength"/> characters, even when a library message spans several.</summary>
    internal static string OneLine(string message)
    {
        string line = string.Join("; ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= MaxErrorLength ? line : line[..(MaxErrorLength - 1)] + "…";
    }
}
