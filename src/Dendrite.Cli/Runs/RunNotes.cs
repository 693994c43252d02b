using System.Globalization;
using System.Text;
using Dendrite.Data;
using Dendrite.Nn.Configs;
using Dendrite.Optim;
using Dendrite.Training.Policy;
using Dendrite.Training.Runs;

namespace Dendrite.Cli.Runs;

/// <summary>The "model: …" line train prints before the first epoch.</summary>
internal static class RunNotes
{
    public static string Model(RunConfig config, RunData data, int threads)
    {
        MlpSpec spec = config.Model.ForData(data.Fit.Train.FeatureCount, data.Outputs);
        long parameters = spec.ToConfig().StateShapes().Where(s => !s.IsBuffer).Sum(s => s.ElementCount);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"model: {spec.Describe()} {spec.Activation}, init {spec.InitScheme}, {parameters:N0} parameters");
        if (spec.BatchNorm) sb.Append(", batchnorm");
        if (spec.Dropout > 0f) sb.Append(CultureInfo.InvariantCulture, $", dropout {spec.Dropout}");
        if (data.Preprocessor is { Target: { } target })
        {
            sb.Append(target.Task == TaskKind.Regression
                ? $", regression on '{target.Name}'{(target.Log ? " (log)" : "")}"
                : $", classification of '{target.Name}' into {target.ClassNames!.Length} classes");
            if (target.Task == TaskKind.Regression && config.Objective.Loss != Nn.Functional.RegressionLoss.Mse)
                sb.Append(", ").Append(config.Objective.Loss.ToString().ToLowerInvariant()).Append(" loss");
        }
        if (config.Objective.ClassWeight != Training.Objectives.ClassWeighting.None) sb.Append(", balanced class weights");
        sb.Append("; ").Append(Optimizer(config.Optimizer)).Append(Policy(config));
        sb.Append(CultureInfo.InvariantCulture,
            $"; batch {config.Training.BatchSize}, {config.Training.Epochs} epochs, seed {config.Seed}, {threads} threads, {config.Training.Engine.ToString().ToLowerInvariant()} engine");
        return sb.ToString();
    }

    /// <summary>
    /// The "distributed: …" line of a data-parallel run. It lists each rank's process id, so that mpiexec's report of a
    /// killed process (which names the PID) names the rank too.
    /// </summary>
    public static string Distributed(Dendrite.Training.Distributed.IDataParallelGroup group, int batchSize, IReadOnlyList<long> processIds) =>
        string.Create(CultureInfo.InvariantCulture,
            $"distributed: {group.Size} ranks over MPI, each training on {batchSize / group.Size}{(batchSize % group.Size == 0 ? "" : "-" + (batchSize / group.Size + 1))} rows of every global batch of {batchSize}; " +
            $"rank pids {string.Join(", ", processIds.Select((p, r) => $"{r}={p}"))}");


    private static string Optimizer(OptimizerSettings o)
    {
        var sb = new StringBuilder(OptimizerFactory.NameOf(o.Kind));
        sb.Append(CultureInfo.InvariantCulture, $" lr {(o.LearningRate is { } lr ? lr.ToString(CultureInfo.InvariantCulture) : "default")}");
        if (o.WeightDecay is { } wd) sb.Append(CultureInfo.InvariantCulture, $" weight decay {wd}");
        if (o.Momentum is { } m) sb.Append(CultureInfo.InvariantCulture, $" momentum {m}");
        if (o.Nesterov) sb.Append(" nesterov");
        return sb.ToString();
    }

    private static string Policy(RunConfig config)
    {
        TrainingPolicy p = config.Policy;
        var sb = new StringBuilder();
        if (p.Schedule is { } s) sb.Append(", schedule ").Append(s.Kind.ToString().ToLowerInvariant());
        if (p.WarmupEpochs > 0) sb.Append(CultureInfo.InvariantCulture, $", warm-up {p.WarmupEpochs} epochs");
        if (p.Clip is { } c) sb.Append(CultureInfo.InvariantCulture, $", clip {c.Kind.ToString().ToLowerInvariant()} {c.Threshold}");
        if (config.Objective.LabelSmoothing > 0f) sb.Append(CultureInfo.InvariantCulture, $", label smoothing {config.Objective.LabelSmoothing}");
        if (p.ValidationFraction > 0) sb.Append(CultureInfo.InvariantCulture, $", val split {p.ValidationFraction}");
        if (p.EarlyStopping is { } e) sb.Append(CultureInfo.InvariantCulture, $", early stopping {e.Patience}:{e.MinDelta}");
        return sb.ToString();
    }
}
