using Dendrite.Autograd;
using Dendrite.Data;
using Dendrite.Kernels.Reductions;
using Dendrite.Nn;
using Dendrite.Nn.Functional;
using Dendrite.Nn.Fused;

namespace Dendrite.Training;

/// <summary>Measures a classifier on a dataset: eval mode, no gradients, fixed order.</summary>
public static class Evaluator
{
    /// <summary>
    /// Mean cross-entropy and accuracy of <paramref name="model"/> over every sample of <paramref name="data"/>.
    /// The model runs in eval mode; its previous mode is restored afterwards.
    /// </summary>
    public static Evaluation Evaluate(Module model, InMemoryDataset data, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        bool wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            using var _ = AutogradContext.NoGrad();
            double lossSum = 0;
            long correct = 0;
            int count = 0;
            foreach (Batch batch in new DataLoader(data, batchSize))
            {
                var logits = model.Forward(batch.Features);
                lossSum += (double)F.CrossEntropy(logits, batch.Labels).Item() * batch.Count;
                correct += Metrics.CountCorrect(logits, batch.Labels);
                count += batch.Count;
            }
            return count == 0 ? new Evaluation(double.NaN, double.NaN, 0) : new Evaluation(lossSum / count, (double)correct / count, count);
        }
        finally
        {
            model.Train(wasTraining);
        }
    }

    /// <summary>The same measurement through a fused plan (no autograd graph, buffers reused across batches).</summary>
    public static Evaluation Evaluate(FusedMlp plan, InMemoryDataset data, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        int classes = plan.OutputWidth;
        var logits = new float[batchSize * classes];
        var lossRows = new float[batchSize];
        double lossSum = 0;
        long correct = 0;
        int count = 0;
        foreach (Batch batch in new DataLoader(data, batchSize))
        {
            int n = batch.Count;
            plan.Predict(batch.Features.Data, n, logits);
            correct += SoftmaxCrossEntropy.Compute(logits.AsSpan(0, n * classes), n, classes, batch.Labels, lossRows, [], 1f);
            for (int i = 0; i < n; i++) lossSum += lossRows[i];
            count += n;
        }
        return count == 0 ? new Evaluation(double.NaN, double.NaN, 0) : new Evaluation(lossSum / count, (double)correct / count, count);
    }
}
