namespace Dendrite.Cli.Commands;

/// <summary>One sub-command: parse its options, call the library, render the result. No maths here.</summary>
internal interface ICommand
{
    string Name { get; }

    /// <summary>One line for the top-level usage text.</summary>
    string Summary { get; }

    /// <summary>Runs with the arguments after the command name; returns the exit code.</summary>
    int Run(string[] args, TextWriter stdout, TextWriter stderr, CliServices services);
}
