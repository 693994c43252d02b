using System.Globalization;

namespace Dendrite.Examples;

/// <summary>
/// Runs one example by name: <c>dotnet run --project examples/Dendrite.Examples -- linear-regression</c>.
/// Without arguments it lists the examples.
/// </summary>
public static class Program
{
    /// <summary>Every example, in chapter order, with a one-line description.</summary>
    public static IReadOnlyList<(string Name, string Description, Action<TextWriter> Run)> Examples { get; } =
    [
        (LinearRegression.Name, "linear regression from scratch recovers w = [2, -3.4], b = 4.2", w => LinearRegression.Run(w)),
        (SoftmaxRegression.Name, "softmax regression from scratch on three Gaussian blobs", w => SoftmaxRegression.Run(w)),
        (PerceptronVsSoftmax.Name, "squared loss on one-hot targets vs cross-entropy, diagonal classes", w => PerceptronVsSoftmax.Run(w)),
        (MlpScratch.Name, "one-hidden-layer MLP from scratch on two moons (vs softmax regression)", w => MlpScratch.Run(w)),
        (MlpConcise.Name, "the same MLP with Sequential + Linear + Sgd + Trainer", w => MlpConcise.Run(w)),
        (WeightDecay.Name, "L2 penalty on 200-input regression with 20 samples", w => WeightDecay.Run(w)),
        (DropoutExample.Name, "dropout shrinks the train-test gap of a wide MLP", w => DropoutExample.Run(w)),
    ];

    /// <summary>The entry point: runs the examples named on the command line.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the examples named in <paramref name="args"/> ("all" runs every one); 2 for an unknown name.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Length == 0 || args[0] is "-h" or "--help" or "list")
        {
            ListExamples(output);
            return 0;
        }
        var chosen = args.Length == 1 && args[0] == "all" ? Examples.Select(e => e.Name).ToArray() : args;
        foreach (string name in chosen)
        {
            var example = Examples.FirstOrDefault(e => e.Name == name);
            if (example.Run is null)
            {
                error.WriteLine($"unknown example '{name}'; run without arguments to list them");
                return 2;
            }
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            example.Run(output);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  ({System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds:F2} s)"));
            output.WriteLine();
        }
        return 0;
    }

    private static void ListExamples(TextWriter output)
    {
        output.WriteLine("usage: dotnet run --project examples/Dendrite.Examples -- <example>... | all");
        output.WriteLine("examples:");
        foreach (var (name, description, _) in Examples) output.WriteLine($"  {name,-22} {description}");
    }
}
