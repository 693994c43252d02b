using Dendrite.Data.Tabular;

namespace Dendrite.Training.Models;

/// <summary>
/// Rows of a table, by column name, put through the preprocessing fitted on the training rows (fills,
/// standardization, one-hot), so prediction applies exactly the transform the model was trained with.
/// </summary>
/// <param name="Preprocessor">The fitted preprocessing, with its target.</param>
/// <param name="IdColumn">The training file's id column, passed through by prediction; null when there was none.</param>
/// <param name="Delimiter">The delimiter the training file was read with when it was given explicitly; null when detected.</param>
public sealed record TableInput(TabularPreprocessor Preprocessor, string? IdColumn = null, char? Delimiter = null) : ModelInput
{
    /// <inheritdoc/>
    public override int FeatureCount => Preprocessor.FeatureCount;

    /// <inheritdoc/>
    public override string Kind => "table";

    /// <summary>
    /// Loads a CSV to predict on or evaluate, read exactly as the training file was: the fitted column kinds, the
    /// training delimiter when one was given, the id column when the file has it. With <paramref name="withTarget"/>
    /// the target column is read too (it must be there; rows where it is missing are skipped and listed), else it is
    /// ignored like every column the model does not use.
    /// </summary>
    /// <exception cref="CsvFormatException">A feature column of the model (or the target, when asked for) is missing
    /// from the file (named in the message).</exception>
    public TabularFrame LoadCsv(string path, bool withTarget = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        var baseOptions = new TabularCsvOptions { Delimiter = Delimiter };
        IReadOnlyList<string> header = TabularCsv.ReadHeader(path, baseOptions);
        var present = new HashSet<string>(header, StringComparer.Ordinal);
        foreach (FittedColumn column in Preprocessor.Columns)
            if (!present.Contains(column.Name))
                throw new CsvFormatException(path, 0, column.Name,
                    $"the model needs this feature column but the file has none; columns here: {string.Join(", ", header.Take(20).Select(h => $"'{h}'"))}{(header.Count > 20 ? ", …" : "")}");

        TabularCsvOptions fitted = Preprocessor.ConfigureLoading(baseOptions);
        // Declare only what the file has: every column the model does not use is ignored, so an odd extra column
        // (or dropped constant columns) can neither fail loading nor change the features.
        var kinds = new Dictionary<string, ColumnKind>(StringComparer.Ordinal);
        foreach (string name in header)
            kinds[name] = fitted.ColumnKinds!.TryGetValue(name, out ColumnKind kind) ? kind : ColumnKind.Ignore;
        string? id = IdColumn is not null && present.Contains(IdColumn) ? IdColumn : null;
        if (id is not null) kinds.Remove(id);
        string? target = null;
        if (withTarget)
        {
            target = Preprocessor.Target?.Name ?? throw new InvalidOperationException("the preprocessing has no target");
            if (!present.Contains(target))
                throw new CsvFormatException(path, 0, target, "the target column is needed to score the model, but the file has none");
            kinds.Remove(target);
        }
        return TabularCsv.Load(path, fitted with { ColumnKinds = kinds, IdColumn = id, TargetColumn = target, SkipRowsWithMissingTarget = true });
    }

    /// <summary>
    /// Rows given by column name (a JSON request, say) read exactly as <see cref="LoadCsv"/> reads the same values
    /// from a file: the fitted column kinds, trimming, empty text, null and the missing-value markers ("NA", …) as
    /// missing, the id column when a row has it. Keys the model does not use are ignored; every feature column of the
    /// model must be a key of every row. Row i is reported as line i + 1 of <paramref name="source"/> (see
    /// <see cref="CsvFormatException.Line"/>).
    /// </summary>
    /// <param name="rows">The rows, column name → value as text (a number as it would be written in the CSV), null
    /// when missing.</param>
    /// <param name="source">What the rows are called in error messages.</param>
    /// <exception cref="CsvFormatException">No rows, a row without one of the model's feature columns, or a value the
    /// CSV reader would refuse (text in a numeric column); the message names the row and column.</exception>
    public TabularFrame FromRows(IReadOnlyList<IReadOnlyDictionary<string, string?>> rows, string source = "rows")
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(source);
        var header = new List<string>(Preprocessor.Columns.Count + 1);
        foreach (FittedColumn column in Preprocessor.Columns) header.Add(column.Name);
        string? id = IdColumn is not null && !header.Contains(IdColumn) && rows.Any(r => r.ContainsKey(IdColumn)) ? IdColumn : null;
        if (id is not null) header.Add(id);

        var records = new List<IReadOnlyList<string?>>(rows.Count);
        for (int r = 0; r < rows.Count; r++)
        {
            IReadOnlyDictionary<string, string?> row = rows[r];
            var fields = new string?[header.Count];
            for (int c = 0; c < fields.Length; c++)
            {
                if (row.TryGetValue(header[c], out string? value)) fields[c] = value;
                else if (header[c] != id)
                    throw new CsvFormatException(source, r + 1, header[c], "the model needs this feature column but the row has none (give null for a missing value)");
            }
            records.Add(fields);
        }

        TabularCsvOptions fitted = Preprocessor.ConfigureLoading(new TabularCsvOptions { Delimiter = Delimiter });
        var kinds = new Dictionary<string, ColumnKind>(StringComparer.Ordinal);
        foreach (string name in header)
            if (name != id) kinds[name] = fitted.ColumnKinds![name];
        return TabularCsv.FromRecords(source, header, records, fitted with { ColumnKinds = kinds, IdColumn = id, TargetColumn = null });
    }
}
