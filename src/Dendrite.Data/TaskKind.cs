namespace Dendrite.Data;

/// <summary>What a model predicts: a class, or real numbers.</summary>
public enum TaskKind
{
    /// <summary>A class out of a fixed, sorted list of class names; integer labels.</summary>
    Classification,

    /// <summary>A real number; float targets.</summary>
    Regression,
}
