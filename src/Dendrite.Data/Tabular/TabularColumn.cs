namespace Dendrite.Data.Tabular;

/// <summary>
/// One feature column of a loaded CSV, before preprocessing: the trimmed text of every row (null = missing) and,
/// for a numeric column, the parsed values (NaN = missing).
/// </summary>
public sealed class TabularColumn
{
    /// <summary>A column over the given arrays (not copied).</summary>
    /// <param name="name">The header name.</param>
    /// <param name="kind">Numeric or categorical.</param>
    /// <param name="values">The trimmed field of each row; null where missing.</param>
    /// <param name="numbers">
    /// For a numeric column, one parsed value per row (NaN where missing); ignored otherwise.
    /// </param>
    /// <exception cref="ArgumentNullException">
    /// <paramref name="name"/> or <paramref name="values"/> is null.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="kind"/> is <see cref="ColumnKind.Ignore"/>, or a numeric column lacks one number per value.
    /// </exception>
    public TabularColumn(string name, ColumnKind kind, string?[] values, double[]? numbers)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(values);
        if (kind == ColumnKind.Ignore) throw new ArgumentException("an ignored column is not kept", nameof(kind));
        if (kind == ColumnKind.Numeric && (numbers is null || numbers.Length != values.Length))
            throw new ArgumentException("a numeric column needs one parsed number per value", nameof(numbers));
        Name = name;
        Kind = kind;
        Numbers = kind == ColumnKind.Numeric ? numbers : null;
        _values = values;
    }

    private string?[]? _values;

    /// <summary>
    /// A numeric column kept as numbers only: its <see cref="Values"/> are the given texts, or, when the texts were not
    /// kept (a column of many distinct numbers), the numbers written back in round-trip form, made on first use.
    /// </summary>
    internal static TabularColumn FromNumbers(string name, double[] numbers, string?[]? texts) =>
        new(name, numbers, texts);

    private TabularColumn(string name, double[] numbers, string?[]? texts)
    {
        Name = name;
        Kind = ColumnKind.Numeric;
        Numbers = numbers;
        _values = texts;
    }

    /// <summary>The column's header name.</summary>
    public string Name { get; }

    /// <summary><see cref="ColumnKind.Numeric"/> or <see cref="ColumnKind.Categorical"/>.</summary>
    public ColumnKind Kind { get; }

    /// <summary>
    /// The trimmed field of each row; null where the value is missing. For a numeric column of many distinct values
    /// loaded by <see cref="TabularCsv.Load"/>, which keeps numbers rather than a string per cell, these are the
    /// numbers written back in round-trip form ("1.50" reads back as "1.5"), made when first asked for.
    /// </summary>
    public string?[] Values => _values ??= Array.ConvertAll(Numbers!, x => double.IsNaN(x) ? null : NumberText.Format(x));

    /// <summary>For a numeric column, the value of each row (NaN where missing); null for a categorical column.</summary>
    public double[]? Numbers { get; }

    /// <summary>Number of rows.</summary>
    internal int Count => _values?.Length ?? Numbers!.Length;

    /// <summary>Number of missing values.</summary>
    public int MissingCount => _values is null ? Numbers!.Count(double.IsNaN) : _values.Count(v => v is null);

    /// <summary>The name and kind, e.g. "LotArea (Numeric)".</summary>
    public override string ToString() => $"{Name} ({Kind})";
}
