namespace Dendrite.Data.Tabular;

/// <summary>
/// Decides whether a column is numeric or categorical: numeric when every non-missing value is a number, categorical
/// when numbers are rare, and an error when numbers dominate but a few values are text (most likely typos that would
/// otherwise silently turn a numeric column into thousands of one-hot categories). Values written with a decimal
/// comma ("1,5") count towards "numbers dominate": a column of them is refused with a hint rather than read as
/// categories. The counting is <see cref="ColumnKindTally"/>'s, which a file read in chunks uses too.
/// </summary>
internal static class ColumnInference
{
    public static TabularColumn Build(string path, string name, string?[] values, int[] lines, ColumnKind? declared, double mostlyNumericFraction)
    {
        if (declared == ColumnKind.Categorical) return new TabularColumn(name, ColumnKind.Categorical, values, null);

        var numbers = new double[values.Length];
        var tally = new ColumnKindTally();
        for (int i = 0; i < values.Length; i++) numbers[i] = tally.Add(values[i], lines[i]);
        return tally.Decide(path, name, declared, mostlyNumericFraction) == ColumnKind.Numeric
            ? new TabularColumn(name, ColumnKind.Numeric, values, numbers)
            : new TabularColumn(name, ColumnKind.Categorical, values, null);
    }
}
