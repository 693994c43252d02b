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
        Values = values;
        Numbers = kind == ColumnKind.Numeric ? numbers : null;
    }

    /// <summary>The column's header name.</summary>
    public string Name { get; }

    /// <summary><see cref="ColumnKind.Numeric"/> or <see cref="ColumnKind.Categorical"/>.</summary>
    public ColumnKind Kind { get; }

    /// <summary>The trimmed field of each row; null where the value is missing.</summary>
    public string?[] Values { get; }

    /// <summary>For a numeric column, the value of each row (NaN where missing); null for a categorical column.</summary>
    public double[]? Numbers { get; }

    /// <summary>Number of missing values.</summary>
    public int MissingCount => Values.Count(v => v is null);

    /// <summary>The name and kind, e.g. "LotArea (Numeric)".</summary>
    public override string ToString() => $"{Name} ({Kind})";
}
