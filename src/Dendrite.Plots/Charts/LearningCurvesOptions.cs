namespace Dendrite.Plots.Charts;

/// <summary>Appearance of <see cref="LearningCurves"/>: total size of the two-panel figure.</summary>
public sealed record LearningCurvesOptions
{
    /// <summary>Heading above both panels (17 px bold, 34 px reserved); null or empty = none.</summary>
    public string? Title { get; init; }

    /// <summary>Width of the whole figure; each panel gets half.</summary>
    public double Width { get; init; } = 960;

    /// <summary>Height of the whole figure, title included.</summary>
    public double Height { get; init; } = 380;

    /// <summary>Fixed accuracy range; null = nice range around the data, kept within [0, 1].</summary>
    public AxisRange? AccuracyRange { get; init; }

    /// <summary>Dots at each epoch; on by default because runs are typically tens of epochs.</summary>
    public bool Markers { get; init; } = true;
}
