namespace Dendrite.Training.Models;

/// <summary>
/// What a model's input rows are, so that a saved model can be fed raw data: images (pixel values scaled as in
/// training), plain feature rows, or table rows put through the fitted preprocessing.
/// </summary>
public abstract record ModelInput
{
    /// <summary>Features the network itself takes per sample.</summary>
    public abstract int FeatureCount { get; }

    /// <summary>"image", "features" or "table": the kind's name in the model file.</summary>
    public abstract string Kind { get; }
}
