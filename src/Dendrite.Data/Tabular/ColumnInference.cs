namespace Dendrite.Data.Tabular;

/// <summary>
/// Decides whether a column is numeric or categorical: numeric when every non-missing value is a number, categorical
/// when numbers are rare, and an error when numbers dominate but a few values are text (most likely typos that would
/// otherwise silently turn a numeric column into thousands of one-hot categories). Values written with a decimal
/// comma ("1,5") count towards "numbers dominate": a column of them is refused with a hint rather than read as
/// categories.
/// </summary>
internal static class ColumnInference
{
    public static TabularColumn Build(string path, string name, string?[] values, int[] lines, ColumnKind? declared, double mostlyNumericFraction)
    {
        if (declared == ColumnKind.Categorical) return new TabularColumn(name, ColumnKind.Categorical, values, null);

        var numbers = new double[values.Length];
        int present = 0, numeric = 0, firstText = -1, commaNumbers = 0, firstComma = -1;
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
            else
            {
                if (firstText < 0) firstText = i;
                if (NumberText.LooksLikeDecimalComma(text) && commaNumbers++ == 0) firstComma = i;
            }
        }

        if (firstText < 0) return new TabularColumn(name, ColumnKind.Numeric, values, numbers);
        string shown = InputText.Clip(values[firstText]);
        string hint = NumberText.Hint(values[firstText]!);
        if (declared == ColumnKind.Numeric)
            throw new CsvFormatException(path, lines[firstText], name, $"'{shown}' is not a number (the column is declared numeric){hint}");
        if (numeric >= mostlyNumericFraction * present)
            throw new CsvFormatException(path, lines[firstText], name,
                $"'{shown}' is not a number (the column is numeric elsewhere: {numeric} of {present} values are numbers){hint}; " +
                "fix or blank the value, or declare the column categorical");
        if (commaNumbers > 0 && numeric + commaNumbers >= mostlyNumericFraction * present)
            throw new CsvFormatException(path, lines[firstComma], name,
                $"'{InputText.Clip(values[firstComma])}' is not a number ({commaNumbers} of {present} values have a decimal comma); " +
                $"{NumberText.DecimalCommaHint}, or declare the column categorical");
        return new TabularColumn(name, ColumnKind.Categorical, values, null);
    }
}
