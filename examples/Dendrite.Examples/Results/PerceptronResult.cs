namespace Dendrite.Examples.Results;

/// <summary>
/// A linear model trained with the squared (Euclidean) loss on one-hot targets vs softmax + cross-entropy.
/// MiddleClassRecall is the fraction of the diagonal band's test points each model classifies correctly.
/// </summary>
public sealed record PerceptronResult(double SquaredLossAccuracy, double CrossEntropyAccuracy,
    double SquaredLossMiddleClassRecall, double CrossEntropyMiddleClassRecall);
