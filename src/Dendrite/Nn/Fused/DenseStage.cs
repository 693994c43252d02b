namespace Dendrite.Nn.Fused;

/// <summary>One Linear layer and the activation that follows it (Identity for the output layer).</summary>
internal sealed record DenseStage(Linear Layer, FusedActivation Activation);
