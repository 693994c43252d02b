namespace Dendrite.Data.Tabular;

/// <summary>
/// Fits a regression target one value at a time, over the passes its <see cref="MomentsAccumulator"/> needs, in the
/// order of the training rows: the logarithm check, the largest value (for the unstandardized overflow check) and
/// the mean and std of the (logged) targets. An in-memory fit and a fit streamed in chunks share it, so both fail on
/// the same line and fit the same bits.
/// </summary>
internal sealed class RegressionTargetTally(string path, string name, TabularPreprocessorOptions options)
{
    /// <summary>sqrt(float.MaxValue), rounded down: the largest target whose square float32 still holds.</summary>
    private const double MaxUnstandardizedTarget = 1.8e19;

    private readonly MomentsAccumulator _moments = new();
    private double _largestT, _largestY;
    private int _largestLine;
    private bool _any;

    /// <summary>The pass the next <see cref="Add"/> belongs to (1 first).</summary>
    public int Pass => _moments.Pass;

    /// <summary>Feeds the target <paramref name="y"/> of the training row on file line <paramref name="line"/>.</summary>
    /// <exception cref="CsvFormatException">a log target that is not positive.</exception>
    public void Add(double y, int line)
    {
        if (_moments.Pass > 1)
        {
            _moments.Add(options.LogTarget ? Math.Log(y) : y);
            return;
        }
        if (options.LogTarget && !(y > 0))
            throw new CsvFormatException(path, line, name,
                $"target {NumberText.Format(y)} is not positive, so it has no logarithm; train without the log target");
        double t = options.LogTarget ? Math.Log(y) : y;
        if (!_any || Math.Abs(t) > Math.Abs(_largestT))
        {
            _largestT = t;
            _largestY = y;
            _largestLine = line;
            _any = true;
        }
        _moments.Add(t);
    }

    /// <summary>Ends a pass over the training targets; true when another one is needed.</summary>
    public bool EndPass() => options.StandardizeTarget ? _moments.EndPass() : false;

    /// <summary>The fitted target over <paramref name="rows"/> training rows spanning <paramref name="lineRange"/>.</summary>
    public FittedTarget Result(int rows, Func<string> lineRange)
    {
        if (!options.StandardizeTarget)
        {
            // Unstandardized, the model's float32 squared error overflows for targets past sqrt(float.MaxValue).
            if (Math.Abs(_largestT) > MaxUnstandardizedTarget)
                throw new CsvFormatException(path, _largestLine, name,
                    $"target {NumberText.Format(_largestY)} is too large to train on unstandardized (its squared error " +
                    $"overflows float32 beyond about ±{MaxUnstandardizedTarget:0.#e0}); standardize the target, or rescale the column");
            return new FittedTarget { Name = name, Task = TaskKind.Regression, Log = options.LogTarget, Mean = 0, Std = 1 };
        }
        (double mean, double std, _) = _moments.Result();
        if (!(std > 0))
            throw new CsvFormatException(path, 0, name,
                $"the target has the same value on all {rows} training rows ({lineRange()}); there is nothing to learn");
        return new FittedTarget { Name = name, Task = TaskKind.Regression, Standardize = true, Log = options.LogTarget, Mean = mean, Std = std };
    }
}
