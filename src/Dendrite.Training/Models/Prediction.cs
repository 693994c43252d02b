namespace Dendrite.Training.Models;

/// <summary>
/// What a model says about one input row: for classification the class (the argmax of the logits, ties to the lower
/// index) with every class's probability; for regression the predicted value(s) in the target's units.
/// </summary>
/// <param name="Class">The predicted class index (classification), or -1.</param>
/// <param name="ClassName">Its name, or null for regression.</param>
/// <param name="Probabilities">The softmax of the logits, one per class (classification), or null.</param>
/// <param name="Values">The predicted values in target units (regression), or null.</param>
public sealed record Prediction(int Class, string? ClassName, float[]? Probabilities, double[]? Values);
