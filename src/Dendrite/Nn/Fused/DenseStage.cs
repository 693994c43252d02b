namespace Dendrite.Nn.Fused;

/// <summary>
/// One Linear layer, the activation that follows it (Identity for the output layer), and an optional Dropout after
/// the activation (hidden layers only).
/// </summary>
internal sealed record DenseStage(Linear Layer, FusedActivation Activation, Dropout? Dropout = null);
