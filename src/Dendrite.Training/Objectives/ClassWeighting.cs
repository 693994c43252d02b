namespace Dendrite.Training.Objectives;

/// <summary>How a classification objective weights the classes.</summary>
public enum ClassWeighting
{
    /// <summary>Every sample counts the same.</summary>
    None,

    /// <summary>Each class counts the same in total: weight n / (classes · count(c)) from the training labels (scikit-learn's "balanced").</summary>
    Balanced,
}
