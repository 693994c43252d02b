using Dendrite.Autograd;
using Dendrite.Data;
using Dendrite.Nn;
using Dendrite.Nn.Fused;
using Dendrite.Training.Objectives;

namespace Dendrite.Training;

/// <summary>Measures a model on a dataset for an objective: eval mode, no gradients, fixed order, batch by batch.</summary>
public static class Evaluator
{
    /// <summary>
    /// The evaluation of <paramref name="model"/> (its Forward, in eval mode under no-grad; the previous mode is
    /// restored) on every sample of <paramref name="data"/>; plain cross-entropy and accuracy without an objective.
    /// </summary>
    public static Evaluation Evaluate(Module model, InMemoryDataset data, Objective? objective = null, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        EvaluationAccumulator accumulator = (objective ?? ClassificationObjective.Default).NewAccumulator();
        bool wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            using var _ = AutogradContext.NoGrad();
            foreach (Batch batch in new DataLoader(data, batchSize)) accumulator.Add(model.Forward(batch.Features).Data, batch);
        }
        finally
        {
            model.Train(wasTraining);
        }
        return accumulator.Result();
    }

    /// <summary>The same measurement through a fused plan (no autograd graph, buffers reused across batches).</summary>
    public static Evaluation Evaluate(FusedMlp plan, InMemoryDataset data, Objective? objective = null, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        EvaluationAccumulator accumulator = (objective ?? ClassificationObjective.Default).NewAccumulator();
        var outputs = new float[batchSize * plan.OutputWidth];
        foreach (Batch batch in new DataLoader(data, batchSize))
        {
            int n = batch.Count;
            plan.Predict(batch.Features.Data, n, outputs);
            accumulator.Add(outputs.AsSpan(0, n * plan.OutputWidth), batch);
        }
        return accumulator.Result();
    }
}
