namespace Dendrite.Examples.Results;

/// <summary>The same MLP trained without and with dropout (probability <paramref name="P"/>).</summary>
public sealed record DropoutResult(float P, ClassifierResult NoDropout, ClassifierResult WithDropout);
