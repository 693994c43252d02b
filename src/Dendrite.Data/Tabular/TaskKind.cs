namespace Dendrite.Data.Tabular;

/// <summary>What the target column asks the model to predict.</summary>
public enum TaskKind
{
    /// <summary>A class out of a fixed, sorted list of class names; integer labels.</summary>
    Classification,

    /// <summary>A real number; float targets.</summary>
    Regression,
}
