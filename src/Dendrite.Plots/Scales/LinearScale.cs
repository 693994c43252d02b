namespace Dendrite.Plots.Scales;

/// <summary>
/// Maps data values linearly from [<see cref="DomainMin"/>, <see cref="DomainMax"/>] to pixels
/// [<see cref="RangeMin"/>, <see cref="RangeMax"/>]; the pixel range may be reversed (y grows downwards in SVG).
/// </summary>
public sealed class LinearScale
{
    /// <summary>A scale with an explicit domain and pixel range; <see cref="Create"/> derives both from data.</summary>
    /// <param name="domainMin">Data value mapped to <paramref name="rangeMin"/>.</param>
    /// <param name="domainMax">Data value mapped to <paramref name="rangeMax"/>; must exceed domainMin.</param>
    /// <param name="rangeMin">Pixel coordinate of domainMin (for a y axis the bottom, i.e. the larger y).</param>
    /// <param name="rangeMax">Pixel coordinate of <paramref name="domainMax"/>.</param>
    /// <param name="ticks">Tick values for the axis, in data units.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="domainMax"/> ≤ <paramref name="domainMin"/>, or either is NaN.
    /// </exception>
    public LinearScale(double domainMin, double domainMax, double rangeMin, double rangeMax, TickSet ticks)
    {
        if (!(domainMax > domainMin))
            throw new ArgumentOutOfRangeException(nameof(domainMax), $"Empty domain [{domainMin}, {domainMax}].");
        DomainMin = domainMin;
        DomainMax = domainMax;
        RangeMin = rangeMin;
        RangeMax = rangeMax;
        Ticks = ticks;
    }

    /// <summary>Data value at <see cref="RangeMin"/>.</summary>
    public double DomainMin { get; }

    /// <summary>Data value at <see cref="RangeMax"/>; always greater than <see cref="DomainMin"/>.</summary>
    public double DomainMax { get; }

    /// <summary>Pixel coordinate of <see cref="DomainMin"/>.</summary>
    public double RangeMin { get; }

    /// <summary>Pixel coordinate of <see cref="DomainMax"/>; below RangeMin on a y axis, as SVG y grows down.</summary>
    public double RangeMax { get; }

    /// <summary>Tick values in data units; draw those for which <see cref="Contains"/> is true.</summary>
    public TickSet Ticks { get; }

    /// <summary>pixel = RangeMin + (v − DomainMin)/(DomainMax − DomainMin) · (RangeMax − RangeMin).</summary>
    public double Map(double v) => RangeMin + (v - DomainMin) / (DomainMax - DomainMin) * (RangeMax - RangeMin);

    /// <summary>True when v lies in the domain (with a hair of tolerance for tick values computed in decimal).</summary>
    public bool Contains(double v)
    {
        double eps = (DomainMax - DomainMin) * 1e-9;
        return v >= DomainMin - eps && v <= DomainMax + eps;
    }

    /// <summary>
    /// A scale for a value axis: the domain is the data extent widened to the enclosing nice ticks, or exactly
    /// [<paramref name="fixedMin"/>, <paramref name="fixedMax"/>] when both are given (ticks then fall inside).
    /// </summary>
    public static LinearScale Create(double dataMin, double dataMax, double rangeMin, double rangeMax, int maxTicks,
        bool extend = true, bool integerStep = false, double? fixedMin = null, double? fixedMax = null)
    {
        if (fixedMin is double lo && fixedMax is double hi && hi > lo)
        {
            TickSet inside = NiceTicks.Compute(lo, hi, maxTicks, extend: false, integerStep);
            return new LinearScale(lo, hi, rangeMin, rangeMax, inside);
        }
        TickSet ticks = NiceTicks.Compute(dataMin, dataMax, maxTicks, extend, integerStep);
        if (extend) return new LinearScale(ticks.Min, ticks.Max, rangeMin, rangeMax, ticks);
        // Tight: the domain is the data itself (widened only when flat, the same way the ticks were).
        double min = dataMin, max = dataMax;
        if (!double.IsFinite(min) || !double.IsFinite(max) || !(max > min))
        {
            TickSet wide = NiceTicks.Compute(dataMin, dataMax, maxTicks, extend: true, integerStep);
            (min, max) = (wide.Min, wide.Max);
            ticks = wide;
        }
        return new LinearScale(min, max, rangeMin, rangeMax, ticks);
    }
}
