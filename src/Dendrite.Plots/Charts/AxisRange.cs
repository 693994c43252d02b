namespace Dendrite.Plots.Charts;

/// <summary>A fixed axis range [Min, Max] overriding the automatic one (e.g. 0..1 for accuracy).</summary>
/// <param name="Min">Lower end of the axis, in data units.</param>
/// <param name="Max">Upper end; unless it exceeds Min the range is ignored and the axis fits the data.</param>
public readonly record struct AxisRange(double Min, double Max);
