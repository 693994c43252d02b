using Dendrite.Autograd;
using Dendrite.Data;
using Dendrite.Examples.Common;
using Dendrite.Examples.Results;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Examples;

/// <summary>
/// d2l's motivation for softmax regression: why not treat classification as regression onto one-hot vectors
/// and take the largest output? Both models here are the same linear map O = XW + b; one minimizes
/// ½‖O − onehot(y)‖² (a multi-output "perceptron" with the Euclidean loss), the other softmax cross-entropy.
/// On three classes lying side by side along a diagonal, the squared loss fits each class's indicator with a
/// plane; the middle class's plane is nearly flat and rarely the largest, so the band is "masked" by its
/// neighbours. Cross-entropy only cares which output is largest and gets the band right.
/// </summary>
public static class PerceptronVsSoftmax
{
    /// <summary>The name the examples program runs this one by (<c>dotnet run --project examples/Dendrite.Examples NAME</c>).</summary>
    public const string Name = "perceptron-vs-softmax";

    /// <summary>Runs the example with the given settings, printing each step to <paramref name="output"/>, and returns
    /// its numbers (which the tests check).</summary>
    public static PerceptronResult Run(TextWriter output, ulong seed = 5, int epochs = 50, float learningRate = 0.1f,
        int batchSize = 32, int trainCount = 600, int testCount = 600, float halfWidth = 0.4f)
    {
        ArgumentNullException.ThrowIfNull(output);
        var rng = new Rng(seed);
        InMemoryDataset train = Synthetic.DiagonalBands(rng, trainCount, halfWidth);
        InMemoryDataset test = Synthetic.DiagonalBands(rng, testCount, halfWidth);
        output.WriteLine($"Perceptron (squared loss on one-hot targets) vs softmax + cross-entropy: 3 classes split by x + y = ±{halfWidth}, " +
                         $"{trainCount} train / {testCount} test, {epochs} epochs");

        // Squared loss: the same training loop as softmax regression with a different loss.
        ulong initSeed = rng.NextUInt64(), shuffleSeed = rng.NextUInt64();
        var squared = new SoftmaxModel(
            Scratch.Learnable(Tensor.Randn(new Rng(initSeed), [2, 3], 0f, 0.01f)),
            Scratch.Learnable(Tensor.Zeros(3)));
        Tensor x = Scratch.FeaturesOf(train);
        Tensor targets = Scratch.OneHot(train.Labels, 3);
        var shuffle = new Rng(shuffleSeed);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            foreach (int[] rows in Scratch.Minibatches(train.Count, batchSize, shuffle))
            {
                Tensor diff = squared.Logits(x.GatherRows(rows)) - targets.GatherRows(rows);
                Tensor loss = (diff * diff).Sum(1).Mean() * 0.5f;
                loss.Backward();
                Scratch.SgdStep([squared.W, squared.B], learningRate);
            }
        }

        // Cross-entropy: softmax regression as written in that example (same init and batch order seeds).
        SoftmaxModel softmax = SoftmaxRegression.Fit(train, epochs, learningRate, batchSize, new Rng(initSeed), output: null);

        using var _ = AutogradContext.NoGrad();
        Tensor xTest = Scratch.FeaturesOf(test);
        Tensor squaredScores = squared.Logits(xTest), softmaxScores = softmax.Logits(xTest);
        var result = new PerceptronResult(
            Scratch.Accuracy(squaredScores, test.Labels), Scratch.Accuracy(softmaxScores, test.Labels),
            Recall(squaredScores, test.Labels, 1), Recall(softmaxScores, test.Labels, 1));
        output.WriteLine($"  {"",-26} {"test acc",9} {"middle band recall",19}");
        output.WriteLine($"  {"squared loss (perceptron)",-26} {result.SquaredLossAccuracy,9:P1} {result.SquaredLossMiddleClassRecall,19:P1}");
        output.WriteLine($"  {"softmax + cross-entropy",-26} {result.CrossEntropyAccuracy,9:P1} {result.CrossEntropyMiddleClassRecall,19:P1}");
        return result;
    }

    /// <summary>Of the samples labelled <paramref name="label"/>, the fraction predicted as it.</summary>
    private static double Recall(Tensor scores, int[] labels, int label)
    {
        int[] predicted = scores.ArgMax(1);
        int hits = 0, total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] != label) continue;
            total++;
            if (predicted[i] == label) hits++;
        }
        return total == 0 ? double.NaN : (double)hits / total;
    }
}
