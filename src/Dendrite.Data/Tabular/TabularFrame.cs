namespace Dendrite.Data.Tabular;

/// <summary>
/// A CSV file loaded as typed columns (see <see cref="TabularCsv.Load"/>), not yet preprocessed. Rows are indexed
/// 0..RowCount-1; <see cref="LineNumbers"/> maps each row back to its line in the file for error messages.
/// </summary>
public sealed class TabularFrame
{
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
            if (column.Values.Length != n) throw new ArgumentException($"column '{column.Name}' has {column.Values.Length} rows, expected {n}", nameof(columns));
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

    public string FilePath { get; }

    /// <summary>The field separator used (detected or given).</summary>
    public char Delimiter { get; }

    /// <summary>Feature columns in file order (target, id and ignored columns excluded).</summary>
    public IReadOnlyList<TabularColumn> Columns { get; }

    /// <summary>The target, or null when no target column was named.</summary>
    public TabularTarget? Target { get; }

    /// <summary>The id column's values (null where missing), or null without an id column.</summary>
    public string?[]? Ids { get; }

    public string? IdColumn { get; }

    /// <summary>1-based line in the file of each row.</summary>
    public int[] LineNumbers { get; }

    /// <summary>Lines dropped because their target was missing (with <see cref="TabularCsvOptions.SkipRowsWithMissingTarget"/>).</summary>
    public int[] SkippedLines { get; }

    public int RowCount => LineNumbers.Length;

    /// <summary>The feature column called <paramref name="name"/>, or null.</summary>
    public TabularColumn? FindColumn(string name)
    {
        foreach (TabularColumn column in Columns)
            if (column.Name == name) return column;
        return null;
    }
}
