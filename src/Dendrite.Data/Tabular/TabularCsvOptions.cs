namespace Dendrite.Data.Tabular;

/// <summary>How <see cref="TabularCsv.Load"/> reads a CSV file into a <see cref="TabularFrame"/>.</summary>
public sealed record TabularCsvOptions
{
    /// <summary>Missing-value markers used when <see cref="MissingValues"/> is not set (an empty field is always missing).</summary>
    public static IReadOnlyList<string> DefaultMissingValues { get; } = ["NA", "N/A", "NaN", "null", "?"];

    /// <summary>The column to predict; null for a file without one (prediction input).</summary>
    public string? TargetColumn { get; init; }

    /// <summary>A column passed through as row ids (never a feature), or null.</summary>
    public string? IdColumn { get; init; }

    /// <summary>The field separator; null detects it (comma, semicolon, tab or pipe) from the first lines.</summary>
    public char? Delimiter { get; init; }

    /// <summary>Values (after trimming, compared ignoring case) that mean "missing", besides the empty field.</summary>
    public IReadOnlyList<string> MissingValues { get; init; } = DefaultMissingValues;

    /// <summary>Per-column overrides of the inferred kind, by column name; <see cref="ColumnKind.Ignore"/> drops a column.</summary>
    public IReadOnlyDictionary<string, ColumnKind>? ColumnKinds { get; init; }

    /// <summary>Forces classification or regression instead of detecting it from the target column.</summary>
    public TaskKind? Task { get; init; }

    /// <summary>
    /// A numeric target whose values are all integers with at most this many distinct values is detected as
    /// classification (0/1, 1..10 ratings); anything else numeric is regression.
    /// </summary>
    public int MaxClassificationClasses { get; init; } = 20;

    /// <summary>
    /// A column with at least this fraction of numbers among its non-missing values, and at least one value that is
    /// not a number, is taken to be numeric with a typo: loading fails naming the line, unless the column is declared
    /// categorical. Below this fraction the column is categorical.
    /// </summary>
    public double MostlyNumericFraction { get; init; } = 0.9;

    /// <summary>
    /// Drop rows whose target is missing (listed in <see cref="TabularFrame.SkippedLines"/>) instead of failing on the first one.
    /// </summary>
    public bool SkipRowsWithMissingTarget { get; init; }

    /// <summary>Records to skip before the header (e.g. a "count, dims" line that some data sets start with).</summary>
    public int SkipLines { get; init; }

    /// <summary>Column names for a file without a header line; then the first record (after <see cref="SkipLines"/>) is data.</summary>
    public IReadOnlyList<string>? ColumnNames { get; init; }
}
