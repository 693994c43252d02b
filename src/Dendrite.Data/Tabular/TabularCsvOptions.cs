namespace Dendrite.Data.Tabular;

/// <summary>How <see cref="TabularCsv.Load"/> reads a CSV file into a <see cref="TabularFrame"/>.</summary>
public sealed record TabularCsvOptions
{
    /// <summary>8 MiB: a row of 100,000 numbers written with 17 digits each still fits four times over.</summary>
    public const int DefaultMaxRecordBytes = 8 << 20;

    /// <summary>100,000 columns, the default of <see cref="MaxColumns"/>.</summary>
    public const int DefaultMaxColumns = 100_000;

    private readonly int _maxRecordBytes = DefaultMaxRecordBytes;
    private readonly int _maxColumns = DefaultMaxColumns;

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

    /// <summary>
    /// The longest record (one line, or the lines a quoted field spans), in bytes, at least 1. A longer one fails
    /// naming its line, so a quote that never closes, a file without line breaks or a giant header line costs a
    /// bounded amount of memory (about twice this) and time instead of growing until memory runs out.
    /// </summary>
    public int MaxRecordBytes
    {
        get => _maxRecordBytes;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxRecordBytes = value;
        }
    }

    /// <summary>The most fields a record may have, at least 1; a record with more fails naming its line.</summary>
    public int MaxColumns
    {
        get => _maxColumns;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxColumns = value;
        }
    }
}
