using System.Text.Json.Serialization;

namespace Dendrite.Data.Tabular;

/// <summary>
/// What a <see cref="TabularPreprocessor"/> learned about one feature column from the training rows.
/// Numeric: output (x − <see cref="Mean"/>) / <see cref="Std"/> with missing x → 0 (the mean), plus a 0/1 indicator
/// when <see cref="MissingIndicator"/>. Categorical: one-hot over <see cref="Categories"/>, missing →
/// <see cref="Fill"/> (the training mode), a category not seen in training → all zeros.
/// </summary>
public sealed record FittedColumn
{
    /// <summary>The column's header name in the CSV file.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] // written even when default (Numeric), since it is required
    public required string Name { get; init; }

    /// <summary>
    /// <see cref="ColumnKind.Numeric"/> or <see cref="ColumnKind.Categorical"/>; decides which fields apply.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] // written even when default (Numeric), since it is required
    public required ColumnKind Kind { get; init; }

    /// <summary>Mean of the non-missing training values (numeric only).</summary>
    public double Mean { get; init; }

    /// <summary>Population standard deviation (divide by n) of the non-missing training values, &gt; 0 (numeric only).</summary>
    public double Std { get; init; }

    /// <summary>Whether a 0/1 missing-indicator feature follows the column (numeric only).</summary>
    public bool MissingIndicator { get; init; }

    /// <summary>The training categories in ordinal order, one output feature each (categorical only).</summary>
    public string[]? Categories { get; init; }

    /// <summary>The category used for a missing value: the most frequent in training, ties to the first in order.</summary>
    public string? Fill { get; init; }

    /// <summary>How many output features the column produces.</summary>
    [JsonIgnore]
    public int Width => Kind == ColumnKind.Numeric ? (MissingIndicator ? 2 : 1) : Categories!.Length;
}
