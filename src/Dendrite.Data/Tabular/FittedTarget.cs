using System.Text.Json.Serialization;

namespace Dendrite.Data.Tabular;

/// <summary>
/// What a <see cref="TabularPreprocessor"/> keeps about the target. Regression: model-space target
/// z = (t − <see cref="Mean"/>) / <see cref="Std"/> with t = log(y) when <see cref="Log"/>, else y (mean 0 and std 1
/// when not <see cref="Standardize"/>). Classification: the class names the labels index.
/// </summary>
public sealed record FittedTarget
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] // written even when default (Numeric), since it is required
    public required string Name { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] // written even when default (Numeric), since it is required
    public required TaskKind Task { get; init; }

    public bool Standardize { get; init; }

    public bool Log { get; init; }

    public double Mean { get; init; }

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
