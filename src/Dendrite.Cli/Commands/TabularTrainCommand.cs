using System.Globalization;
using Dendrite.Cli.Options;
using Dendrite.Cli.Output;
using Dendrite.Data.Tabular;
using Dendrite.Random;
using Dendrite.Training.Runs;
using Dendrite.Training.Tabular;

namespace Dendrite.Cli.Commands;

/// <summary>
/// <c>dendrite train --csv FILE --target COLUMN</c>: loads a table, fits the preprocessing on the training rows
/// (a seeded split, or all of FILE when --test-csv is given), trains an MLP with SGD, reports the task's test
/// metrics after every epoch and saves the model with its preprocessing in --out (see <see cref="TabularRunOutput"/>). Reached from <see cref="TrainCommand"/> when --csv is present.
/// </summary>
internal static class TabularTrainCommand
{
    /// <summary>Fashion-MNIST options that mean nothing for a table (the issue-4 toolbox is not wired into CSV runs yet).</summary>
    private static readonly string[] ImageOnly = ["data", "engine", .. TrainExtraOptions.Specs.Select(s => s.Name).Where(n => n != "config")];

    /// <summary>
    /// True when the parsed train options ask for a CSV run. Throws a usage error for options of the other mode
    /// (--data with --csv, --target without it) rather than silently ignoring them.
    /// </summary>
    public static bool Applies(ParsedOptions o)
    {
        if (o.HelpRequested) return false;
        if (o.Has("csv"))
        {
            foreach (string name in ImageOnly)
                if (o.Has(name)) throw new UsageException($"--{name} does not apply to CSV training (--csv)", o.HelpCommand);
            return true;
        }
        foreach (string name in TabularOptions.CsvOnly)
            if (o.Has(name)) throw new UsageException($"--{name} needs --csv FILE", o.HelpCommand);
        return false;
    }

    public static int Run(ParsedOptions o, TextWriter stdout, TextWriter stderr, CliServices? services = null)
    {
        TabularCommandSettings s = TabularOptions.ToSettings(o);
        // Create the folder before training so a bad --out fails in a second rather than after the run.
        string folder = TabularRunOutput.Create(o.Get("out") ?? RunFolder.DefaultPath((services ?? CliServices.Default).RunsRoot, DateTime.Now));
        bool json = s.LogFormat == LogFormat.Json;
        Action<string> note = json ? stderr.WriteLine : stdout.WriteLine;
        Kernels.Threading.KernelThreads.Count = s.Threads;

        TabularFrame frame = TabularCsv.Load(s.CsvPath, s.Loading);
        int skipped = frame.SkippedLines.Length;
        TabularPreprocessor preprocessor;
        TabularDataset train, test;
        if (s.TestCsvPath is null)
        {
            SplitIndices split = Splits.TrainTest(frame.RowCount, s.TestSplit, new Rng(s.SplitSeed));
            preprocessor = TabularPreprocessor.Fit(frame, split.Train, s.Training.Preprocessing);
            train = preprocessor.Transform(frame, split.Train);
            test = preprocessor.Transform(frame, split.Test);
            note(Inv($"data: {s.CsvPath}: {train.Count} train rows, {test.Count} test rows (test split {s.TestSplit}, split seed {s.SplitSeed})"));
        }
        else
        {
            preprocessor = TabularPreprocessor.Fit(frame, s.Training.Preprocessing);
            train = preprocessor.Transform(frame);
            // The test file is read exactly as the training file was (fitted column kinds and task).
            TabularFrame testFrame = TabularCsv.Load(s.TestCsvPath, preprocessor.ConfigureLoading(s.Loading));
            test = preprocessor.Transform(testFrame);
            note(Inv($"data: {s.CsvPath}: {train.Count} train rows; {s.TestCsvPath}: {test.Count} test rows"));
            ReportSkipped(note, s.TestCsvPath, testFrame.SkippedLines);
            skipped += testFrame.SkippedLines.Length;
        }
        ReportSkipped(note, s.CsvPath, frame.SkippedLines);
        FittedTarget target = preprocessor.Target!;
        if (target.Task == TaskKind.Classification && o.Has("loss"))
            throw new UsageException($"--loss applies to regression only; '{target.Name}' was read as classification (cross-entropy)", o.HelpCommand);
        note(Describe(preprocessor, target, s.Training));

        if (!json) stdout.WriteLine(TabularText.EpochHeader(target.Task));
        TabularTrainingOutcome outcome = TabularTrainer.Train(train, test, preprocessor, s.Training, r =>
        {
            stdout.WriteLine(json ? TabularJsonEvents.Epoch(r) : TabularText.Epoch(r, target.Task));
            stdout.Flush();
        });
        stdout.WriteLine(json ? TabularJsonEvents.Done(outcome, skipped) : TabularText.Done(outcome));
        var checkpoint = TabularCheckpoint.Capture(outcome, s.Training, s.Loading.IdColumn, s.Loading.Delimiter);
        note($"saved model to {TabularRunOutput.Save(folder, checkpoint, s, outcome.Epochs)} (predict with: dendrite predict {folder} FILE.csv)");
        stdout.Flush();
        return Cli.Success;
    }

    /// <summary>Names the skipped lines (the first ten) so the user can fix them.</summary>
    internal static void ReportSkipped(Action<string> note, string path, int[] lines)
    {
        if (lines.Length == 0) return;
        string list = string.Join(", ", lines.Take(10)) + (lines.Length > 10 ? ", …" : "");
        note(Inv($"skipped {lines.Length} row{(lines.Length == 1 ? "" : "s")} of {path} with a missing target (line{(lines.Length == 1 ? "" : "s")} {list})"));
    }

    internal static string Describe(TabularPreprocessor preprocessor, FittedTarget target, TabularSettings t)
    {
        int outputs = target.Task == TaskKind.Regression ? 1 : target.ClassNames!.Length;
        string task = target.Task == TaskKind.Regression
            ? $"regression on '{target.Name}'{(target.Log ? " (log)" : "")}"
            : $"classification of '{target.Name}' into {outputs} classes";
        if (target.Task == TaskKind.Regression && t.Loss != LossKind.Mse) task += $", {t.Loss.ToString().ToLowerInvariant()} loss";
        long parameters = 0;
        int width = preprocessor.FeatureCount;
        foreach (int h in t.Hidden.Append(outputs))
        {
            parameters += (long)(width + 1) * h;
            width = h;
        }
        string layers = string.Join("-", new[] { preprocessor.FeatureCount }.Concat(t.Hidden).Append(outputs));
        string dropped = preprocessor.DroppedColumns.Count == 0 ? "" : $", dropped constant {string.Join(", ", preprocessor.DroppedColumns)}";
        return Inv($"model: {layers} {t.Activation.ToString().ToLowerInvariant()}, init {t.Init}, {parameters:N0} parameters, {task}{dropped}; ") +
            Inv($"sgd lr {t.LearningRate} weight decay {t.WeightDecay}; batch {t.BatchSize}, {t.Epochs} epochs, seed {t.Seed}");
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
