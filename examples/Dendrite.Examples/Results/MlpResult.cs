namespace Dendrite.Examples.Results;

/// <summary>An MLP's accuracy next to softmax regression's (no hidden layer) on the same data.</summary>
public sealed record MlpResult(ClassifierResult Mlp, ClassifierResult LinearBaseline);
