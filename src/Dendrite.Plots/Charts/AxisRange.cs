namespace Dendrite.Plots.Charts;

/// <summary>A fixed axis range [Min, Max] overriding the automatic one (e.g. 0..1 for accuracy).</summary>
public readonly record struct AxisRange(double Min, double Max);
