namespace Dendrite.Training;

/// <summary>Mean cross-entropy and accuracy of a model on <paramref name="Count"/> samples.</summary>
public sealed record Evaluation(double Loss, double Accuracy, int Count);
