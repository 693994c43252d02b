namespace Dendrite.Data.Tabular;

/// <summary>
/// What <see cref="TargetBuilder"/> decides the task from, gathered one target value at a time so that a file read in
/// chunks is judged exactly as a file read whole: how many values are numbers, the first that is not (and the first
/// with a decimal comma), whether all numbers are integers with few distinct values, and the first number beyond the
/// float32 range in which regression targets are kept.
/// </summary>
internal sealed class TargetTally(TabularCsvOptions options)
{
    private readonly HashSet<double> _distinct = [];
    private long _count, _numeric, _commaNumbers;
    private string? _firstText, _firstComma, _firstOverflow;
    private int _firstTextLine, _firstCommaLine, _firstOverflowLine;
    private bool _allIntegers = true;

    /// <summary>Counts the (non-missing) target <paramref name="text"/> of the row on <paramref name="line"/>.</summary>
    public void Add(string text, int line)
    {
        if (NumberText.TryParse(text, out double value))
        {
            AddNumber(value, text, line);
            return;
        }
        _count++;
        if (_firstText is null)
        {
            _firstText = text;
            _firstTextLine = line;
        }
        if (NumberText.LooksLikeDecimalComma(text) && _commaNumbers++ == 0)
        {
            _firstComma = text;
            _firstCommaLine = line;
        }
    }

    /// <summary>
    /// Counts a target that is a number, <paramref name="value"/>, read from the ASCII <paramref name="utf8"/> (a string
    /// is made only for a value beyond float range, to name it): what <see cref="Add"/> counts for its text.
    /// </summary>
    public void AddNumber(double value, ReadOnlySpan<byte> utf8, int line)
    {
        if (_firstOverflow is null && float.IsInfinity((float)value)) AddNumber(value, System.Text.Encoding.ASCII.GetString(utf8), line);
        else AddNumber(value, (string?)null, line);
    }

    private void AddNumber(double value, string? text, int line)
    {
        _count++;
        _numeric++;
        if (value != Math.Floor(value)) _allIntegers = false;
        // Distinct numbers matter only up to the class limit, unless classification is forced (every class counts).
        if (options.Task == TaskKind.Classification || _distinct.Count <= options.MaxClassificationClasses) _distinct.Add(value);
        if (_firstOverflow is null && float.IsInfinity((float)value))
        {
            _firstOverflow = text;
            _firstOverflowLine = line;
        }
    }

    /// <summary>Whether classes are text (every distinct value is a class name as written) rather than numbers.</summary>
    public bool TextClasses => _firstText is not null;

    /// <summary>
    /// The task, with the errors <see cref="TargetBuilder"/> raises for the same values; for numeric classes
    /// <paramref name="numericClasses"/> holds them in increasing order (text classes need a second look at the rows).
    /// </summary>
    public TaskKind Decide(string path, string name, out double[]? numericClasses)
    {
        numericClasses = null;
        TaskKind task;
        if (options.Task is TaskKind forced)
        {
            task = forced;
        }
        else if (_firstText is not null)
        {
            if (_numeric >= options.MostlyNumericFraction * _count)
                throw new CsvFormatException(path, _firstTextLine, name,
                    $"target '{InputText.Clip(_firstText)}' is not a number (the target is numeric elsewhere: {_numeric} of {_count} values are numbers)" +
                    $"{NumberText.Hint(_firstText)}; fix the value, or force classification");
            if (_commaNumbers > 0 && _numeric + _commaNumbers >= options.MostlyNumericFraction * _count)
                throw new CsvFormatException(path, _firstCommaLine, name,
                    $"target '{InputText.Clip(_firstComma)}' is not a number ({_commaNumbers} of {_count} values have a decimal comma); " +
                    $"{NumberText.DecimalCommaHint}, or force classification");
            task = TaskKind.Classification;
        }
        else
        {
            task = _allIntegers && _distinct.Count <= options.MaxClassificationClasses ? TaskKind.Classification : TaskKind.Regression;
        }

        if (task == TaskKind.Regression)
        {
            if (_firstText is not null)
                throw new CsvFormatException(path, _firstTextLine, name,
                    $"target '{InputText.Clip(_firstText)}' is not a number; a regression target must be numeric{NumberText.Hint(_firstText)}");
            if (_firstOverflow is not null)
                throw new CsvFormatException(path, _firstOverflowLine, name,
                    $"target {InputText.Clip(_firstOverflow)} is beyond the float32 range (about ±3.4e38) in which targets are kept; " +
                    "rescale the column (for example to thousands or millions of its unit)");
            return task;
        }
        if (_firstText is null) numericClasses = [.. _distinct.Order()];
        return task;
    }
}
