using System.Text.Json.Serialization;

namespace Dendrite.Data.Tabular;

/// <summary>
/// What a <see cref="TabularPreprocessor"/> keeps about the target. Regression: model-space target
/// z = (t − <see cref="Mean"/>) / <see cref="Std"/> with t = log(y) when <see cref="Log"/>, else y (mean 0 and std 1
/// when not <see cref="Standardize"/>). Classification: the class names the labels index.
/// </summary>
public sealed record FittedTarget
{
    /// <summary>The target column's header name in the CSV file.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] // written even when default (Numeric), since it is required
    public required string Name { get; init; }

    /// <summary>Regression (the other fields apply) or classification (<see cref="ClassNames"/> applies).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] // written even when default (Numeric), since it is required
    public required TaskKind Task { get; init; }

    /// <summary>
    /// Whether the target was standardized; when false, <see cref="Mean"/> is 0 and <see cref="Std"/> is 1.
    /// </summary>
    public bool Standardize { get; init; }

    /// <summary>Whether the model learns ln y instead of y (every training target was &gt; 0).</summary>
    public bool Log { get; init; }

    /// <summary>Mean of the (logged, if <see cref="Log"/>) training targets; 0 when not standardized.</summary>
    public double Mean { get; init; }

    /// <summary>
    /// Population standard deviation (÷ n) of the (logged) training targets, &gt; 0; 1 when not standardized.
    /// </summary>
    public double Std { get; init; } = 1;

    /// <summary>Sorted class names (classification only).</summary>
    public string[]? ClassNames { get; init; }

    /// <summary>A model-space value in target units: z·std + mean, exponentiated when the target was logged.</summary>
    public double FromModel(float z)
    {
        double t = (z * Std) + Mean;
        return Log ? Math.Exp(t) : t;
    }
}
