using System.Globalization;

namespace Dendrite.Training.Policy;

/// <summary>A learning-rate schedule and its parameters; the base learning rate is the optimizer's.</summary>
/// <param name="Kind">Which schedule.</param>
/// <param name="StepSize">Step: epochs between decays (≥ 1).</param>
/// <param name="Milestones">MultiStep: epochs at which the rate decays (each ≥ 1).</param>
/// <param name="Gamma">Step, MultiStep, Exponential: decay factor (&gt; 0).</param>
/// <param name="Patience">Plateau: epochs without improvement tolerated (≥ 0).</param>
/// <param name="Factor">Plateau: lr ← lr·factor, in (0, 1).</param>
/// <remarks>
/// The defaults (0.1) are the float 0.1 widened, the value the text form "0.1" reads as, so a default schedule and
/// its text form are the same schedule (<see cref="ConfigNumber"/>).
/// </remarks>
public sealed record LrScheduleSpec(LrScheduleKind Kind, int StepSize = 1, IReadOnlyList<int>? Milestones = null, double Gamma = 0.1f,
    int Patience = 10, double Factor = 0.1f)
{
    /// <summary>The text forms <see cref="Parse"/> reads, for help texts and messages.</summary>
    public const string Syntax = "none, step:EPOCHS[:GAMMA], multistep:E1,E2,…[:GAMMA], exp:GAMMA, cosine, onecycle or plateau[:PATIENCE[:FACTOR]]";

    /// <summary>Constant learning rate.</summary>
    public static LrScheduleSpec None { get; } = new(LrScheduleKind.None);

    /// <summary>True for schedules stepped per optimizer step rather than per epoch.</summary>
    public bool PerStep => Kind == LrScheduleKind.OneCycle;

    /// <summary>
    /// Reads a schedule from its text form (<see cref="Syntax"/>, case-insensitive); null for "none".
    /// <see cref="Format"/> of the result parses back to an equal schedule.
    /// </summary>
    /// <exception cref="DendriteException">the text is not one of the forms; the message lists them.</exception>
    public static LrScheduleSpec? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] p = text.Trim().ToLowerInvariant().Split(':');
        try
        {
            LrScheduleSpec? spec = (p[0], p.Length) switch
            {
                ("none", 1) => None,
                ("cosine", 1) => new LrScheduleSpec(LrScheduleKind.Cosine),
                ("onecycle", 1) => new LrScheduleSpec(LrScheduleKind.OneCycle),
                ("step", 2 or 3) => new LrScheduleSpec(LrScheduleKind.Step, StepSize: Int(p[1], 1), Gamma: p.Length == 3 ? Positive(p[2]) : 0.1f),
                ("multistep", 2 or 3) => new LrScheduleSpec(LrScheduleKind.MultiStep,
                    Milestones: [.. p[1].Split(',').Select(m => Int(m, 1))], Gamma: p.Length == 3 ? Positive(p[2]) : 0.1f),
                ("exp", 2) => new LrScheduleSpec(LrScheduleKind.Exponential, Gamma: Positive(p[1])),
                ("plateau", >= 1 and <= 3) => new LrScheduleSpec(LrScheduleKind.Plateau, Patience: p.Length > 1 ? Int(p[1], 0) : 10,
                    Factor: p.Length > 2 ? Positive(p[2]) : 0.1f),
                _ => null,
            };
            if (spec is null || (spec.Kind == LrScheduleKind.Plateau && spec.Factor >= 1)) throw new FormatException();
            return spec.Kind == LrScheduleKind.None ? null : spec;
        }
        catch (FormatException)
        {
            throw new DendriteException($"learning-rate schedule '{InputText.Clip(text)}' must be {Syntax}");
        }
    }

    /// <summary>The text that <see cref="Parse"/> reads back to this schedule.</summary>
    public string Format()
    {
        static string F(double v) => ConfigNumber.Format(v);
        static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
        return Kind switch
        {
            LrScheduleKind.None => "none",
            LrScheduleKind.Cosine => "cosine",
            LrScheduleKind.OneCycle => "onecycle",
            LrScheduleKind.Step => $"step:{I(StepSize)}:{F(Gamma)}",
            LrScheduleKind.MultiStep => $"multistep:{string.Join(',', (Milestones ?? []).Select(I))}:{F(Gamma)}",
            LrScheduleKind.Exponential => $"exp:{F(Gamma)}",
            LrScheduleKind.Plateau => $"plateau:{I(Patience)}:{F(Factor)}",
            _ => throw new InvalidOperationException($"unknown schedule {Kind}"),
        };
    }

    /// <inheritdoc/>
    public bool Equals(LrScheduleSpec? other) => other is not null && Format() == other.Format();

    /// <inheritdoc/>
    public override int GetHashCode() => Format().GetHashCode(StringComparison.Ordinal);

    private static int Int(string text, int min) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v >= min ? v : throw new FormatException();

    private static double Positive(string text) => ConfigNumber.Parse(text) is double v && v > 0 ? v : throw new FormatException();

}
