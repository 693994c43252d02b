using Dendrite.Data;
using Dendrite.Data.Tabular;
using Dendrite.Nn.Functional;
using Dendrite.Nn.Fused;
using Dendrite.Tensors;

namespace Dendrite.Training.Objectives;

/// <summary>
/// A regression loss (MSE, Huber with threshold δ, or L1) on the model's outputs against the dataset's targets, as the
/// model sees them (standardized, maybe logged). Evaluation reports that loss and RMSE, MAE, R² and log-RMSE in the
/// target's own units when <see cref="Target"/> says how the targets were scaled (the fitted preprocessing of a
/// table), else in model units. The best epoch has the lowest RMSE.
/// </summary>
/// <param name="Loss">The loss minimized.</param>
/// <param name="HuberDelta">Huber's δ, in model units (one target standard deviation when the target is standardized).</param>
/// <param name="Target">How model-space values map back to target units, or null when they are the target units.</param>
public sealed record RegressionObjective(RegressionLoss Loss = RegressionLoss.Mse, float HuberDelta = 1f, FittedTarget? Target = null) : Objective
{
    /// <inheritdoc/>
    public override TaskKind Task => TaskKind.Regression;

    /// <inheritdoc/>
    public override MetricGoal Goal => MetricGoal.Rmse;

    /// <inheritdoc/>
    public override bool NeedsAutograd => false;

    /// <summary>A model-space value in target units: z·std + mean, exponentiated when the target was logged.</summary>
    public double ToTargetUnits(float z) => Target?.FromModel(z) ?? z;

    /// <inheritdoc/>
    public override Tensor TrainingLoss(Tensor output, Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Tensor targets = batch.Targets ?? throw new DendriteException("a regression objective needs a batch with targets");
        return F.RegressionLoss(Loss, output, targets, delta: HuberDelta);
    }

    /// <inheritdoc/>
    public override FusedStepResult Step(FusedMlp plan, Batch batch)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(batch);
        Tensor values = batch.Targets ?? throw new DendriteException("a regression objective needs a batch with targets");
        LossTargets targets = LossTargets.Regression(values.Data, Loss, HuberDelta);
        return batch.HasFeatures || batch.Source is null || batch.Rows is null
            ? plan.TrainStep(batch.Features.Data, targets, batch.Count)
            : plan.TrainStep(batch.Source.Features, batch.Rows, targets, batch.Count);
    }

    /// <inheritdoc/>
    public override void CheckData(InMemoryDataset data, int outputs, string role)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.IsRegression) throw new DendriteException($"the {role} data has class labels, but the objective is regression");
        if (data.TargetCount != outputs)
            throw new DendriteException($"the {role} data has {data.TargetCount} targets per sample, but the model has {outputs} outputs");
    }

    /// <inheritdoc/>
    public override EvaluationAccumulator NewAccumulator() => new Accumulator(this);

    /// <summary>The loss in model units, and the scores in target units.</summary>
    private sealed class Accumulator(RegressionObjective objective) : EvaluationAccumulator
    {
        private readonly RegressionScores _scores = new();
        private double _lossSum;
        private long _elements;
        private int _count;

        public override void Add(ReadOnlySpan<float> outputs, Batch batch)
        {
            ReadOnlySpan<float> targets = batch.Targets!.Data;
            int n = batch.Count * (outputs.Length / batch.Count);
            for (int i = 0; i < n; i++)
            {
                float d = outputs[i] - targets[i], a = Math.Abs(d), delta = objective.HuberDelta;
                _lossSum += objective.Loss switch
                {
                    RegressionLoss.Mse => d * d,
                    RegressionLoss.Huber => a < delta ? 0.5f * d * d : delta * (a - (0.5f * delta)),
                    _ => a,
                };
                _scores.Add(objective.ToTargetUnits(outputs[i]), objective.ToTargetUnits(targets[i]));
            }
            _elements += n;
            _count += batch.Count;
        }

        public override Evaluation Result() => _count == 0
            ? new Evaluation(TaskKind.Regression, 0, double.NaN)
            : new Evaluation(TaskKind.Regression, _count, _lossSum / _elements, Rmse: _scores.Rmse, Mae: _scores.Mae,
                RSquared: _scores.RSquared, LogRmse: _scores.LogRmse);
    }
}
