using System.Globalization;
using System.Text;
using Dendrite.Optim;
using Dendrite.Random;
using Dendrite.Training;
using Dendrite.Training.Policy;

namespace Dendrite.Cli.Commands;

/// <summary>The parts of train's "model: …" note that describe the toolbox options.</summary>
internal static class TrainExtraNotes
{
    /// <summary>Parameters of the model <paramref name="spec"/> builds (gated layers and batch norm included).</summary>
    public static long ParameterCount(MlpSpec spec) => ModelFactory.BuildMlp(spec, new Rng(0)).ParameterCount;

    public static string Model(TrainExtraSettings x)
    {
        var sb = new StringBuilder();
        if (x.BatchNorm) sb.Append(", batchnorm");
        if (x.Dropout > 0f) sb.Append(CultureInfo.InvariantCulture, $", dropout {x.Dropout}");
        return sb.ToString();
    }

    public static string Optimizer(OptimizerSettings o)
    {
        var sb = new StringBuilder(OptimizerFactory.NameOf(o.Kind));
        sb.Append(CultureInfo.InvariantCulture, $" lr {(o.LearningRate is { } lr ? lr.ToString(CultureInfo.InvariantCulture) : "default")}");
        if (o.WeightDecay is { } wd) sb.Append(CultureInfo.InvariantCulture, $" weight decay {wd}");
        if (o.Momentum is { } m) sb.Append(CultureInfo.InvariantCulture, $" momentum {m}");
        if (o.Nesterov) sb.Append(" nesterov");
        return sb.ToString();
    }

    public static string Policy(TrainingPolicy p)
    {
        var sb = new StringBuilder();
        if (p.Schedule is { } s) sb.Append(", schedule ").Append(s.Kind.ToString().ToLowerInvariant());
        if (p.WarmupEpochs > 0) sb.Append(CultureInfo.InvariantCulture, $", warm-up {p.WarmupEpochs} epochs");
        if (p.Clip is { } c) sb.Append(CultureInfo.InvariantCulture, $", clip {c.Kind.ToString().ToLowerInvariant()} {c.Threshold}");
        if (p.LabelSmoothing > 0f) sb.Append(CultureInfo.InvariantCulture, $", label smoothing {p.LabelSmoothing}");
        if (p.ValidationFraction > 0) sb.Append(CultureInfo.InvariantCulture, $", val split {p.ValidationFraction}");
        if (p.EarlyStopping is { } e) sb.Append(CultureInfo.InvariantCulture, $", early stopping {e.Patience}:{e.MinDelta}");
        return sb.ToString();
    }
}
