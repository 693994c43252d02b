namespace Dendrite.Nn.Functional;

/// <summary>How a per-sample loss is reduced.</summary>
public enum Reduction
{
    Mean,
    Sum,
    None,
}
