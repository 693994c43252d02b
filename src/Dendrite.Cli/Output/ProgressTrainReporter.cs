using System.Diagnostics;
using System.Globalization;
using Dendrite.Training;
using Dendrite.Training.Runs;
using Spectre.Console;

namespace Dendrite.Cli.Output;

/// <summary>
/// Live terminal output (only when stdout is a terminal that takes ANSI escapes and --log-format is text): a
/// Spectre.Console bar per epoch showing samples/s and the time remaining, finished with the epoch's loss and
/// accuracies, and a summary table at the end. Everything else (pipes, files, dumb terminals, tests) gets
/// <see cref="TextTrainReporter"/>'s plain lines.
/// </summary>
internal sealed class ProgressTrainReporter(TextWriter stdout) : ITrainReporter
{
    private readonly IAnsiConsole _console = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(stdout),
        Ansi = AnsiSupport.Yes, // chosen only for a terminal that takes ANSI escapes (Program), so no second guess from TERM
        Interactive = InteractionSupport.Yes,
    });

    private readonly List<EpochResult> _epochs = [];
    private RunView _view = new(Data.TaskKind.Classification, false);
    private ProgressContext? _context;
    private ProgressTask? _task;
    private int _taskEpoch;
    private long _epochStart;

    public void Note(string message) => _console.MarkupLine("[grey]" + Markup.Escape(message) + "[/]");

    public void Start(RunView view) => _view = view;

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
        _task.Description = Label(r.Epoch) + _view.Brief(r);
        _task.StopTask();
    }

    public void Done(TrainingOutcome outcome)
    {
        if (_epochs.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("training summary");
            foreach (string column in _view.Cells(_epochs[0]).Header) table.AddColumn(column, c => c.RightAligned());
            foreach (EpochResult r in _epochs) table.AddRow(_view.Cells(r).Row);
            _console.Write(table);
        }
        _console.MarkupLine(Markup.Escape(_view.TextDone(outcome)));
    }

    private static string Label(int epoch) => "epoch " + epoch.ToString(CultureInfo.InvariantCulture).PadLeft(3);

}
