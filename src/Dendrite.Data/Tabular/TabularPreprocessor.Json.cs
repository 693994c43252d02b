using System.Text.Json;

namespace Dendrite.Data.Tabular;

public sealed partial class TabularPreprocessor
{
    /// <summary>Restores a preprocessor written by <see cref="ToJson"/>; its transform is bit-identical to the original's.</summary>
    /// <exception cref="DataFormatException">The text is not a valid fitted preprocessor.</exception>
    public static TabularPreprocessor FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        PreprocessorDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, PreprocessorJsonContext.Default.PreprocessorDocument);
        }
        catch (JsonException e)
        {
            throw new DataFormatException($"tabular preprocessing metadata is not valid JSON: {InputText.JsonError(e)}");
        }
        if (document is null) throw Invalid("it is null");
        if (document.Version != PreprocessorDocument.CurrentVersion)
            throw Invalid($"version {document.Version}, expected {PreprocessorDocument.CurrentVersion}");
        if (document.Columns is not { Length: > 0 } columns) throw Invalid("it has no columns");
        // JSON null is accepted by the deserializer wherever a reference is expected; each would surface later as a
        // NullReferenceException or a dictionary's ArgumentNullException.
        foreach (FittedColumn? column in columns)
        {
            if (column?.Name is null) throw Invalid("a column or its name is null");
            Validate(column);
        }
        if (document.Dropped is { } dropped && dropped.Any(d => d is null)) throw Invalid("a dropped column's name is null");
        if (document.Target is { } target)
        {
            if (target.Name is null) throw Invalid("the target's name is null");
            if (target.Task == TaskKind.Classification && !IsDistinctNames(target.ClassNames))
                throw Invalid($"target '{InputText.Clip(target.Name)}' needs distinct, non-null class names");
            if (target.Task is not (TaskKind.Classification or TaskKind.Regression))
                throw Invalid($"target '{InputText.Clip(target.Name)}' has task {target.Task}");
            if (target.Task == TaskKind.Regression && !(double.IsFinite(target.Mean) && target.Std > 0 && double.IsFinite(target.Std)))
                throw Invalid($"target '{InputText.Clip(target.Name)}' has mean {target.Mean} and std {target.Std}");
        }
        return new TabularPreprocessor(columns, document.Target, document.Dropped ?? []);
    }

    private static void Validate(FittedColumn column)
    {
        if (column.Kind == ColumnKind.Numeric)
        {
            if (!(double.IsFinite(column.Mean) && column.Std > 0 && double.IsFinite(column.Std)))
                throw Invalid($"numeric column '{InputText.Clip(column.Name)}' has mean {column.Mean} and std {column.Std}");
        }
        else if (column.Kind == ColumnKind.Categorical)
        {
            if (!IsDistinctNames(column.Categories) || column.Fill is null || !column.Categories!.Contains(column.Fill))
                throw Invalid($"categorical column '{InputText.Clip(column.Name)}' needs distinct categories that include its fill value");
        }
        else
        {
            throw Invalid($"column '{InputText.Clip(column.Name)}' has kind {column.Kind}");
        }
    }

    private static bool IsDistinctNames(string[]? names) =>
        names is { Length: > 0 } && names.All(n => n is not null) && names.Distinct(StringComparer.Ordinal).Count() == names.Length;

    private static DataFormatException Invalid(string what) => new($"tabular preprocessing metadata is invalid: {what}");
}
