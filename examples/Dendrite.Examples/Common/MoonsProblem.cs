using Dendrite.Data;
using Dendrite.Random;

namespace Dendrite.Examples.Common;

/// <summary>The two-moons split both MLP examples use, so their numbers compare directly.</summary>
public static class MoonsProblem
{
    /// <summary>The standard deviation of the Gaussian noise added to each point.</summary>
    public const float Noise = 0.1f;

    /// <summary>A train and a test set of two moons, drawn from <paramref name="rng"/> in that order.</summary>
    public static (InMemoryDataset Train, InMemoryDataset Test) Make(Rng rng, int trainCount, int testCount) =>
        (Synthetic.Moons(rng, trainCount, Noise), Synthetic.Moons(rng, testCount, Noise));

    /// <summary>Softmax regression on the same split: what a model without a hidden layer can do.</summary>
    public static Results.ClassifierResult LinearBaseline(InMemoryDataset train, InMemoryDataset test, Rng rng)
    {
        SoftmaxModel linear = SoftmaxRegression.Fit(train, epochs: 50, learningRate: 0.1f, batchSize: 32, rng, output: null);
        return SoftmaxRegression.Evaluate(linear, train, test);
    }
}
