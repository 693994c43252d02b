using Dendrite.Cli.Options;
using Dendrite.Cli.Plotting;
using Dendrite.Plots.Charts;

namespace Dendrite.Cli.Commands;

/// <summary><c>dendrite plot activations</c>: every activation with its derivative, one small chart each (SVG).</summary>
internal sealed class PlotCommand : ICommand
{
    public string Name => "plot";

    public string Summary => "draw charts: 'plot activations' shows each activation and its derivative";

    private const string Description =
        "WHAT is 'activations': one panel per activation function with f(x) and its derivative f'(x) on\n" +
        "x in [-6, 6], as the figures of the d2l MLP chapter. Written as SVG.";

    private static readonly OptionParser Parser = new("plot",
    [
        new("out", "FILE", "the SVG file to write (default activations.svg)"),
    ], ["WHAT"]);

    public int Run(string[] args, TextWriter stdout, TextWriter stderr, CliServices services)
    {
        var o = Parser.Parse(args);
        if (o.HelpRequested)
        {
            stdout.Write(Parser.Help(Description));
            return Cli.Success;
        }
        if (o.Positionals.Count != 1) throw new UsageException("plot needs to know what to draw: activations", Parser.HelpCommand);
        if (o.Positionals[0] != "activations")
            throw new UsageException($"unknown chart '{o.Positionals[0]}'; expected activations", Parser.HelpCommand);
        string path = o.Get("out") ?? "activations.svg";
        string svg = FunctionGrid.Render(ActivationCurves.Sample(), new FunctionGridOptions { Title = "Activation functions and their derivatives" });
        Formats.IO.AtomicFile.WriteAll(path, new System.Text.UTF8Encoding(false).GetBytes(svg), "chart");
        stdout.WriteLine($"wrote {ActivationCurves.Names.Count} activations ({string.Join(", ", ActivationCurves.Names)}) to {path}");
        return Cli.Success;
    }
}
