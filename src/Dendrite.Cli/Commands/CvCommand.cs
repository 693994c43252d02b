using Dendrite.Cli.Options;
using Dendrite.Cli.Output;
using Dendrite.Data.Tabular;
using Dendrite.Random;
using Dendrite.Training.Tabular;

namespace Dendrite.Cli.Commands;

/// <summary>
/// <c>dendrite cv --csv FILE --target COLUMN --folds K</c>: K-fold cross-validation of a tabular MLP. Each fold fits
/// the preprocessing on its training rows only, trains a fresh model and scores the held-out rows; the output is
/// every fold's metrics and their mean ± standard deviation.
/// </summary>
internal sealed class CvCommand : ICommand
{
    private static readonly OptionParser Parser = new("cv", TabularOptions.CvSpecs);

    public string Name => "cv";

    public string Summary => "K-fold cross-validate an MLP on a CSV table";

    private static readonly string Description =
        "Splits the rows of a CSV table into K folds (seeded by --split-seed); for each fold, fits the\n" +
        "preprocessing (standardized numbers, one-hot categories, standardized target) on the other folds,\n" +
        "trains an MLP on them with minibatch SGD and scores the held-out fold. Prints each fold's test\n" +
        "metrics and their mean ± std (sample standard deviation over the folds).\n" +
        $"Defaults suit small tables: {TabularOptions.DefaultsText}.";

    public int Run(string[] args, TextWriter stdout, TextWriter stderr, CliServices services)
    {
        var parsed = Parser.Parse(args);
        if (parsed.HelpRequested)
        {
            stdout.Write(Parser.Help(Description));
            return Cli.Success;
        }
        TabularCommandSettings s = TabularOptions.ToSettings(parsed);
        if (s.Folds < 2) throw parsed.Error("folds", "must be at least 2");
        bool json = s.LogFormat == LogFormat.Json;
        Action<string> note = json ? stderr.WriteLine : stdout.WriteLine;
        Kernels.Threading.KernelThreads.Count = s.Threads;

        TabularFrame frame = TabularCsv.Load(s.CsvPath, s.Loading);
        note($"data: {s.CsvPath}: {frame.RowCount} rows, {s.Folds} folds (split seed {s.SplitSeed})");
        TabularTrainCommand.ReportSkipped(note, s.CsvPath, frame.SkippedLines);
        // Describe the model as fitted on all rows: fold preprocessors differ only in statistics, not widths (bar rare categories).
        var whole = TabularPreprocessor.Fit(frame, s.Training.Preprocessing);
        note(TabularTrainCommand.Describe(whole, whole.Target!, s.Training));

        if (!json) stdout.WriteLine(TabularText.FoldHeader(whole.Target!.Task));
        CrossValidationResult result = CrossValidation.Run(frame, s.Folds, s.Training, new Rng(s.SplitSeed), f =>
        {
            stdout.WriteLine(json ? TabularJsonEvents.Fold(f) : TabularText.Fold(f));
            stdout.Flush();
        });
        if (json) stdout.WriteLine(TabularJsonEvents.Summary(result, frame.SkippedLines.Length));
        else foreach (string line in TabularText.Summary(result)) stdout.WriteLine(line);
        stdout.Flush();
        return Cli.Success;
    }
}
