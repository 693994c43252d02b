namespace Dendrite.Data.Tabular;

/// <summary>
/// A CSV file loaded as typed columns (see <see cref="TabularCsv.Load"/>), not yet preprocessed. Rows are indexed
/// 0..RowCount-1; <see cref="LineNumbers"/> maps each row back to its line in the file for error messages.
/// </summary>
public sealed class TabularFrame
{
    /// <summary>
    /// A frame over the given columns and arrays (not copied); every per-row array must have one entry per line number.
    /// </summary>
    /// <param name="filePath">The CSV file, for messages.</param>
    /// <param name="delimiter">The field separator the file was read with.</param>
    /// <param name="columns">Feature columns in file order.</param>
    /// <param name="target">The target column, or null.</param>
    /// <param name="ids">The id column's values, or null.</param>
    /// <param name="idColumn">The id column's name, or null.</param>
    /// <param name="lineNumbers">1-based file line of each row; its length is the row count.</param>
    /// <param name="skippedLines">Lines dropped for a missing target.</param>
    /// <exception cref="ArgumentNullException">
    /// <paramref name="filePath"/>, <paramref name="columns"/>, <paramref name="lineNumbers"/> or
    /// <paramref name="skippedLines"/> is null.
    /// </exception>
    /// <exception cref="ArgumentException">A column, the target or the ids have a different row count.</exception>
    public TabularFrame(
        string filePath,
        char delimiter,
        IReadOnlyList<TabularColumn> columns,
        TabularTarget? target,
        string?[]? ids,
        string? idColumn,
        int[] lineNumbers,
        int[] skippedLines)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(lineNumbers);
        ArgumentNullException.ThrowIfNull(skippedLines);
        int n = lineNumbers.Length;
        foreach (TabularColumn column in columns)
            if (column.Count != n) throw new ArgumentException($"column '{column.Name}' has {column.Count} rows, expected {n}", nameof(columns));
        if (target is not null && target.Count != n) throw new ArgumentException($"target has {target.Count} rows, expected {n}", nameof(target));
        if (ids is not null && ids.Length != n) throw new ArgumentException($"ids has {ids.Length} rows, expected {n}", nameof(ids));
        FilePath = filePath;
        Delimiter = delimiter;
        Columns = columns;
        Target = target;
        Ids = ids;
        IdColumn = idColumn;
        LineNumbers = lineNumbers;
        SkippedLines = skippedLines;
    }

    /// <summary>The CSV file the frame was read from, for messages.</summary>
    public string FilePath { get; }

    /// <summary>The field separator used (detected or given).</summary>
    public char Delimiter { get; }

    /// <summary>Feature columns in file order (target, id and ignored columns excluded).</summary>
    public IReadOnlyList<TabularColumn> Columns { get; }

    /// <summary>The target, or null when no target column was named.</summary>
    public TabularTarget? Target { get; }

    /// <summary>The id column's values (null where missing), or null without an id column.</summary>
    public string?[]? Ids { get; }

    /// <summary>Name of the id column, or null without one.</summary>
    public string? IdColumn { get; }

    /// <summary>1-based line in the file of each row.</summary>
    public int[] LineNumbers { get; }

    /// <summary>Lines dropped because their target was missing (with <see cref="TabularCsvOptions.SkipRowsWithMissingTarget"/>).</summary>
    public int[] SkippedLines { get; }

    /// <summary>Number of rows kept (after skipping rows with a missing target).</summary>
    public int RowCount => LineNumbers.Length;

    /// <summary>The feature column called <paramref name="name"/>, or null.</summary>
    public TabularColumn? FindColumn(string name)
    {
        foreach (TabularColumn column in Columns)
            if (column.Name == name) return column;
        return null;
    }
}
