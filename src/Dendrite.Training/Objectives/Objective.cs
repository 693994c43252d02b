using Dendrite.Data;
using Dendrite.Nn.Fused;
using Dendrite.Tensors;

namespace Dendrite.Training.Objectives;

/// <summary>
/// What a <see cref="Trainer"/> trains for, in the spirit of Keras' <c>compile(loss, metrics)</c> and burn-train's
/// train/valid steps: the loss (on the autograd graph and on the fused plan), the metrics an evaluation reports, and
/// the metric that picks the best epoch. <see cref="ClassificationObjective"/> (cross-entropy, accuracy) and
/// <see cref="RegressionObjective"/> (MSE/Huber/L1, RMSE and friends); the loop is written once.
/// </summary>
public abstract record Objective
{
    /// <summary>Classification or regression.</summary>
    public abstract TaskKind Task { get; }

    /// <summary>The metric that decides the best epoch (early stopping, best.safetensors).</summary>
    public abstract MetricGoal Goal { get; }

    /// <summary>True when the loss has no fused form (label smoothing), so training runs on the autograd graph.</summary>
    public abstract bool NeedsAutograd { get; }

    /// <summary>The mean training loss of <paramref name="output"/> [batch, outputs] for <paramref name="batch"/>, recorded for backward.</summary>
    public abstract Tensor TrainingLoss(Tensor output, Batch batch);

    /// <summary>
    /// What the training loss of <paramref name="batch"/> is divided by to make it a mean: its row count here, the sum
    /// of its rows' class weights for a weighted loss. A data-parallel fit weighs each rank's gradients by it so that
    /// the ranks' shards average to the global batch's mean.
    /// </summary>
    public virtual float LossNormalizer(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Count;
    }

    /// <summary>One fused training step on <paramref name="batch"/> (reading its rows in place when the loader left them there).</summary>
    public abstract FusedStepResult Step(FusedMlp plan, Batch batch);

    /// <summary>
    /// Throws <see cref="DendriteException"/> when <paramref name="data"/> does not suit this objective and a model with
    /// <paramref name="outputs"/> outputs (labels for classification within range, targets of the right width for
    /// regression). <paramref name="role"/> names the set in the message ("training", "test").
    /// </summary>
    public abstract void CheckData(InMemoryDataset data, int outputs, string role);

    /// <summary>A fresh accumulator for an evaluation pass.</summary>
    public abstract EvaluationAccumulator NewAccumulator();
}
