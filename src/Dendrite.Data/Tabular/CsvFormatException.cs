namespace Dendrite.Data.Tabular;

/// <summary>
/// A CSV file cannot be used as a table: a ragged row, text in a numeric column, an empty or header-only file, a
/// missing target column or value, a constant column, duplicate column names. The one-line message names the file,
/// the 1-based line (the header is line 1) and the column, and says what was expected. The CLI exits with code 2.
/// </summary>
public class CsvFormatException : DataFormatException
{
    /// <summary>Creates the exception with a generic message; prefer the overload naming file and line.</summary>
    public CsvFormatException() { }
    /// <summary>Creates the exception from a finished message; <see cref="FilePath"/> stays null.</summary>
    public CsvFormatException(string message) : base(message) { }
    /// <summary>Creates the exception from a finished message and the error that caused it.</summary>
    public CsvFormatException(string message, Exception inner) : base(message, inner) { }

    /// <summary>
    /// Creates the exception with the message "path line N, column 'c': problem" (the line or column left out when not
    /// given; the column name quoted and clipped like any echoed input).
    /// </summary>
    /// <param name="filePath">The CSV file.</param>
    /// <param name="line">1-based line of the file (header = line 1 unless lines were skipped), 0 when none applies.</param>
    /// <param name="column">The column at fault, or null.</param>
    /// <param name="problem">What is wrong and what was expected.</param>
    public CsvFormatException(string filePath, int line, string? column, string problem)
        : base(Format(filePath, line, column, problem))
    {
        FilePath = filePath;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The CSV file at fault, or null when the exception was made from a finished message.</summary>
    public string? FilePath { get; }

    /// <summary>1-based line number in the file, or 0 when the problem is not tied to one line.</summary>
    public int Line { get; }

    /// <summary>Name of the column at fault, or null when the problem is not tied to one column.</summary>
    public string? Column { get; }

    /// <summary>What is wrong and what was expected, without the file, line and column (null when not given apart).</summary>
    public string? Problem { get; }

    private static string Format(string filePath, int line, string? column, string problem)
    {
        string where = filePath;
        if (line > 0) where += $" line {line}";
        // The column name comes from the file: quoted on one line and cut short, like any echoed input.
        if (column is not null) where += (line > 0 ? ", " : " ") + $"column '{InputText.Clip(column)}'";
        return $"{where}: {problem}";
    }
}
