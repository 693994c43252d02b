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
            throw new DataFormatException($"tabular preprocessing metadata is not valid JSON: {InputText.Clip(e.Message, 200)}");
        }
        if (document is null) throw Invalid("it is null");
        if (document.Version != PreprocessorDocument.CurrentVersion)
            throw Invalid($"version {document.Version}, expected {PreprocessorDocument.CurrentVersion}");
        if (document.Columns is not { Length: > 0 } columns) throw Invalid("it has no columns");
        foreach (FittedColumn column in columns) Validate(column);
        if (document.Target is { } target)
        {
            if (target.Task == TaskKind.Classification && target.ClassNames is not { Length: > 0 }) throw Invalid($"target '{InputText.Clip(target.Name)}' has no class names");
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
            if (column.Categories is not { Length: > 0 } categories || column.Fill is null || !categories.Contains(column.Fill)
                || categories.Distinct(StringComparer.Ordinal).Count() != categories.Length)
                throw Invalid($"categorical column '{InputText.Clip(column.Name)}' needs distinct categories that include its fill value");
        }
        else
        {
            throw Invalid($"column '{InputText.Clip(column.Name)}' has kind {column.Kind}");
        }
    }

    private static DataFormatException Invalid(string what) => new($"tabular preprocessing metadata is invalid: {what}");
}
