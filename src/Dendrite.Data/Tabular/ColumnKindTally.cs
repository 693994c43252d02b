namespace Dendrite.Data.Tabular;

/// <summary>
/// The counts <see cref="ColumnInference"/> decides a column's kind from, gathered one value at a time so that a file
/// read in chunks is judged exactly as a file read whole: values present, values that are numbers, values with a
/// decimal comma, and the first value of each sort that is not a number (with its line, for the message).
/// </summary>
internal sealed class ColumnKindTally
{
    private long _present, _numeric, _commaNumbers;
    private string? _firstText, _firstComma;
    private int _firstTextLine, _firstCommaLine;

    /// <summary>Whether a non-missing value that is not a number has been seen.</summary>
    public bool HasText => _firstText is not null;

    /// <summary>Counts one value (null = missing) on file line <paramref name="line"/>; returns it as a number, NaN when it is none.</summary>
    public double Add(string? text, int line)
    {
        if (text is null) return double.NaN;
        if (NumberText.TryParse(text, out double value))
        {
            CountNumber();
            return value;
        }
        CountText(text, line);
        return double.NaN;
    }

    /// <summary>Counts a value that is a number.</summary>
    public void CountNumber()
    {
        _present++;
        _numeric++;
    }

    /// <summary>Counts a present value that is not a number.</summary>
    public void CountText(string text, int line)
    {
        _present++;
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
    /// Adds the counts of <paramref name="later"/>, gathered over values that come after this tally's in the file (the
    /// next chunk): the result is the tally of all of them counted one at a time, first values and lines included.
    /// </summary>
    public void Append(ColumnKindTally later)
    {
        _present += later._present;
        _numeric += later._numeric;
        if (_firstText is null && later._firstText is not null)
        {
            _firstText = later._firstText;
            _firstTextLine = later._firstTextLine;
        }
        if (_commaNumbers == 0 && later._commaNumbers > 0)
        {
            _firstComma = later._firstComma;
            _firstCommaLine = later._firstCommaLine;
        }
        _commaNumbers += later._commaNumbers;
    }

    /// <summary>
    /// Numeric when every value present is a number; otherwise categorical unless numbers dominate (then the first
    /// text value is most likely a typo, and loading fails naming its line) or the column is declared numeric.
    /// </summary>
    public ColumnKind Decide(string path, string name, ColumnKind? declared, double mostlyNumericFraction)
    {
        if (declared == ColumnKind.Categorical) return ColumnKind.Categorical;
        if (_firstText is null) return ColumnKind.Numeric;
        string shown = InputText.Clip(_firstText);
        string hint = NumberText.Hint(_firstText);
        if (declared == ColumnKind.Numeric)
            throw new CsvFormatException(path, _firstTextLine, name, $"'{shown}' is not a number (the column is declared numeric){hint}");
        if (_numeric >= mostlyNumericFraction * _present)
            throw new CsvFormatException(path, _firstTextLine, name,
                $"'{shown}' is not a number (the column is numeric elsewhere: {_numeric} of {_present} values are numbers){hint}; " +
                "fix or blank the value, or declare the column categorical");
        if (_commaNumbers > 0 && _numeric + _commaNumbers >= mostlyNumericFraction * _present)
            throw new CsvFormatException(path, _firstCommaLine, name,
                $"'{InputText.Clip(_firstComma)}' is not a number ({_commaNumbers} of {_present} values have a decimal comma); " +
                $"{NumberText.DecimalCommaHint}, or declare the column categorical");
        return ColumnKind.Categorical;
    }
}
