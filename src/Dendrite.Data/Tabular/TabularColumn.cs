namespace Dendrite.Data.Tabular;

/// <summary>
/// One feature column of a loaded CSV, before preprocessing: the trimmed text of every row (null = missing) and,
/// for a numeric column, the parsed values (NaN = missing).
/// </summary>
public sealed class TabularColumn
{
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

    public string Name { get; }

    /// <summary><see cref="ColumnKind.Numeric"/> or <see cref="ColumnKind.Categorical"/>.</summary>
    public ColumnKind Kind { get; }

    /// <summary>The trimmed field of each row; null where the value is missing.</summary>
    public string?[] Values { get; }

    /// <summary>For a numeric column, the value of each row (NaN where missing); null for a categorical column.</summary>
    public double[]? Numbers { get; }

    /// <summary>Number of missing values.</summary>
    public int MissingCount => Values.Count(v => v is null);

    public override string ToString() => $"{Name} ({Kind})";
}
