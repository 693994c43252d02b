namespace Dendrite.Data.Tabular;

/// <summary>How a CSV column is used as a feature.</summary>
public enum ColumnKind
{
    /// <summary>Numbers (invariant culture): mean-filled, then standardized.</summary>
    Numeric,

    /// <summary>Text labels: mode-filled, then one-hot encoded.</summary>
    Categorical,

    /// <summary>Not used at all (only as an override).</summary>
    Ignore,
}
