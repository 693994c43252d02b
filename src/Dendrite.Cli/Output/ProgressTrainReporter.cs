using System.Diagnostics;
using System.Globalization;
using Dendrite.Training;
using Dendrite.Training.Runs;
using Spectre.Console;

namespace Dendrite.Cli.Output;

/// <summary>
/// Live terminal output (only when stdout is a terminal and --log-format is text): a Spectre.Console bar per epoch
/// showing samples/s and the time remaining, finished with the epoch's loss and accuracies, and a summary table
/// at the end. Everything else (pipes, files, tests) gets <see cref="TextTrainReporter"/>'s plain lines.
/// </summary>
internal sealed class ProgressTrainReporter(TextWriter stdout) : ITrainReporter
{
    private readonly IAnsiConsole _console = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(stdout),
        Interactive = InteractionSupport.Yes,
    });

    private readonly List<EpochResult> _epochs = [];
    private ProgressContext? _context;
    private ProgressTask? _task;
    private int _taskEpoch;
    private long _epochStart;

    public void Note(string message) => _console.MarkupLine("[grey]" + Markup.Escape(message) + "[/]");

    public void Start() { }

    public TrainingOutcome Around(Func<TrainingOutcome> train) =>
        _console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                _context = ctx;
                try
                {
                    return train();
                }
                finally
                {
                    _context = null;
                }
            });

    public void Batch(BatchProgress p)
    {
        if (_context is null) return;
        if (_task is null || _taskEpoch != p.Epoch)
        {
            _task = _context.AddTask(Label(p.Epoch), maxValue: p.Total);
            _taskEpoch = p.Epoch;
            _epochStart = Stopwatch.GetTimestamp();
        }
        _task.Value = p.Samples;
        double seconds = Stopwatch.GetElapsedTime(_epochStart).TotalSeconds;
        if (seconds > 0)
            _task.Description = Label(p.Epoch) + string.Create(CultureInfo.InvariantCulture, $"  {p.Samples / seconds,9:N0} samples/s");
    }

    public void Epoch(EpochResult r)
    {
        _epochs.Add(r);
        if (_task is null || _taskEpoch != r.Epoch) return;
        _task.Description = Label(r.Epoch) + string.Create(CultureInfo.InvariantCulture,
            $"  loss {r.TrainLoss:F4}  train {r.TrainAccuracy:F4}  test {r.TestAccuracy:F4}");
        _task.StopTask();
    }

    public void Done(TrainingOutcome outcome)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("training summary");
        table.AddColumn("epoch", c => c.RightAligned()).AddColumn("train_loss", c => c.RightAligned())
            .AddColumn("train_acc", c => c.RightAligned()).AddColumn("test_acc", c => c.RightAligned())
            .AddColumn("seconds", c => c.RightAligned());
        foreach (EpochResult r in _epochs)
            table.AddRow(r.Epoch.ToString(CultureInfo.InvariantCulture), F(r.TrainLoss), F(r.TrainAccuracy), F(r.TestAccuracy),
                r.Seconds.ToString("F2", CultureInfo.InvariantCulture));
        _console.Write(table);
        _console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"test accuracy: [bold]{outcome.TestAccuracy:F4}[/] after {outcome.Epochs.Count} epochs ({outcome.Seconds:F1} s)"));
    }

    private static string Label(int epoch) => "epoch " + epoch.ToString(CultureInfo.InvariantCulture).PadLeft(3);

    private static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
}
