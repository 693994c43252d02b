using Dendrite.Data;
using Dendrite.Data.Tabular;
using Dendrite.Nn.Functional;

namespace Dendrite.Training.Objectives;

/// <summary>
/// The objective of a run as data, before the data is seen: the classification settings apply when the task turns
/// out to be classification, the regression ones when it is regression (<see cref="Create"/>).
/// </summary>
/// <param name="ClassWeight">Class weighting (classification).</param>
/// <param name="LabelSmoothing">Label smoothing ε in [0, 1) (classification; autograd only).</param>
/// <param name="Loss">The loss (regression).</param>
/// <param name="HuberDelta">Huber's δ in model units (regression; one standard deviation of a standardized target).</param>
public sealed record ObjectiveSpec(ClassWeighting ClassWeight = ClassWeighting.None, float LabelSmoothing = 0f,
    RegressionLoss Loss = RegressionLoss.Mse, float HuberDelta = 1f)
{
    /// <summary>Throws <see cref="DendriteException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!(LabelSmoothing >= 0f && LabelSmoothing < 1f)) throw new DendriteException($"label smoothing must be in [0, 1), got {LabelSmoothing}");
        if (!(HuberDelta > 0f && float.IsFinite(HuberDelta))) throw new DendriteException($"huber delta must be finite and > 0, got {HuberDelta}");
    }

    /// <summary>
    /// The objective for training on <paramref name="train"/>: classification with balanced weights computed from its
    /// labels over <paramref name="classes"/> classes when asked, or regression reporting in the units
    /// <paramref name="target"/> describes.
    /// </summary>
    /// <exception cref="DendriteException">a setting that does not apply to the data's task (balanced weights or label
    /// smoothing for regression, a regression loss for classification).</exception>
    public Objective Create(InMemoryDataset train, int classes, FittedTarget? target = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        Validate();
        if (train.IsRegression)
        {
            if (ClassWeight != ClassWeighting.None) throw new DendriteException("class weighting applies to classification only");
            if (LabelSmoothing > 0f) throw new DendriteException("label smoothing applies to classification only");
            return new RegressionObjective(Loss, HuberDelta, target);
        }
        if (Loss != RegressionLoss.Mse) throw new DendriteException($"the {Loss.ToString().ToLowerInvariant()} loss applies to regression only; classification uses cross-entropy");
        float[]? weights = ClassWeight == ClassWeighting.Balanced ? ClassificationObjective.BalancedWeights(train.Labels, classes) : null;
        return new ClassificationObjective(weights, LabelSmoothing);
    }

    /// <summary>The task an objective of this spec would have for <paramref name="task"/>'s data: used to check options early.</summary>
    public void CheckApplies(TaskKind task)
    {
        if (task == TaskKind.Regression && ClassWeight != ClassWeighting.None) throw new DendriteException("class weighting applies to classification only");
        if (task == TaskKind.Regression && LabelSmoothing > 0f) throw new DendriteException("label smoothing applies to classification only");
        if (task == TaskKind.Classification && Loss != RegressionLoss.Mse)
            throw new DendriteException($"the {Loss.ToString().ToLowerInvariant()} loss applies to regression only; classification uses cross-entropy");
    }
}
