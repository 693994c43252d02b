namespace Dendrite.Data.Tabular;

/// <summary>
/// Decides whether a column is numeric or categorical: numeric when every non-missing value is a number, categorical
/// when numbers are rare, and an error when numbers dominate but a few values are text (most likely typos that would
/// otherwise silently turn a numeric column into thousands of one-hot categories).
/// </summary>
internal static class ColumnInference
{
    public static TabularColumn Build(string path, string name, string?[] values, int[] lines, ColumnKind? declared, double mostlyNumericFraction)
    {
        if (declared == ColumnKind.Categorical) return new TabularColumn(name, ColumnKind.Categorical, values, null);

        var numbers = new double[values.Length];
        int present = 0, numeric = 0, firstText = -1;
        for (int i = 0; i < values.Length; i++)
        {
            string? text = values[i];
            if (text is null)
            {
                numbers[i] = double.NaN;
                continue;
            }
            present++;
            if (NumberText.TryParse(text, out numbers[i])) numeric++;
            else if (firstText < 0) firstText = i;
        }

        if (firstText < 0) return new TabularColumn(name, ColumnKind.Numeric, values, numbers);
        if (declared == ColumnKind.Numeric)
            throw new CsvFormatException(path, lines[firstText], name, $"'{InputText.Clip(values[firstText])}' is not a number (the column is declared numeric)");
        if (numeric >= mostlyNumericFraction * present)
            throw new CsvFormatException(path, lines[firstText], name,
                $"'{InputText.Clip(values[firstText])}' is not a number (the column is numeric elsewhere: {numeric} of {present} values are numbers); " +
                "fix or blank the value, or declare the column categorical");
        return new TabularColumn(name, ColumnKind.Categorical, values, null);
    }
}
