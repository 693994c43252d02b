using Dendrite.Autograd;
using Dendrite.Data;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Examples.Common;

/// <summary>
/// The few helpers the chapter writes by hand before it switches to the library: a minibatch iterator,
/// the SGD update and accuracy. Kept deliberately plain so the examples read like the book's code.
/// </summary>
public static class Scratch
{
    /// <summary>
    /// d2l's <c>data_iter</c>: shuffles the indices 0..count−1 with <paramref name="rng"/> and yields them in
    /// chunks of <paramref name="batchSize"/> (the last chunk may be smaller).
    /// </summary>
    public static IEnumerable<int[]> Minibatches(int count, int batchSize, Rng rng)
    {
        var order = Enumerable.Range(0, count).ToArray();
        rng.Shuffle(order.AsSpan());
        for (int start = 0; start < count; start += batchSize)
            yield return order[start..Math.Min(count, start + batchSize)];
    }

    /// <summary>
    /// d2l's <c>sgd</c>: param ← param − lr · grad for every parameter, then clears the gradient (autograd
    /// accumulates into Grad until it is cleared). The update itself is not recorded in the graph.
    /// </summary>
    public static void SgdStep(IEnumerable<Tensor> parameters, float learningRate)
    {
        using var _ = AutogradContext.NoGrad();
        foreach (Tensor p in parameters)
        {
            if (p.Grad is null) continue;
            Span<float> w = p.Span;
            ReadOnlySpan<float> g = p.Grad.Span;
            for (int i = 0; i < w.Length; i++) w[i] -= learningRate * g[i];
            p.ZeroGrad();
        }
    }

    /// <summary>A leaf tensor that autograd tracks: the hand-made equivalent of a Parameter.</summary>
    public static Tensor Learnable(Tensor initial)
    {
        initial.RequiresGrad = true;
        return initial;
    }

    /// <summary>The features of <paramref name="data"/> as an [n, featureCount] tensor (shares the array).</summary>
    public static Tensor FeaturesOf(InMemoryDataset data) => new(data.Features, data.Count, data.FeatureCount);

    /// <summary>One-hot rows: [labels.Length, classCount] with a 1 in each row's label column.</summary>
    public static Tensor OneHot(int[] labels, int classCount)
    {
        var t = Tensor.Zeros(labels.Length, classCount);
        for (int i = 0; i < labels.Length; i++) t.Data[i * classCount + labels[i]] = 1f;
        return t;
    }

    /// <summary>Fraction of rows whose largest score is in the label's column.</summary>
    public static double Accuracy(Tensor scores, int[] labels)
    {
        int[] predicted = scores.ArgMax(1);
        int correct = 0;
        for (int i = 0; i < labels.Length; i++) if (predicted[i] == labels[i]) correct++;
        return (double)correct / labels.Length;
    }

    /// <summary>The rows <paramref name="rows"/> of <paramref name="labels"/>.</summary>
    public static int[] Pick(int[] labels, int[] rows) => rows.Select(r => labels[r]).ToArray();
}
