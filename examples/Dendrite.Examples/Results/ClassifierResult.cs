namespace Dendrite.Examples.Results;

/// <summary>Accuracy of one trained classifier on the data it was trained on and on held-out data.</summary>
public sealed record ClassifierResult(double TrainAccuracy, double TestAccuracy, double FinalTrainLoss)
{
    /// <summary>Train minus test accuracy: how much the model fits its own samples better than new ones.</summary>
    public double GeneralizationGap => TrainAccuracy - TestAccuracy;
}
