using Dendrite.Autograd;
using Dendrite.Data;
using Dendrite.Examples.Common;
using Dendrite.Examples.Results;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Examples;

/// <summary>
/// d2l "Softmax Regression Implementation from Scratch", on three 2-D Gaussian blobs instead of Fashion-MNIST
/// (same code, a test-sized problem). The model is O = XW + b; softmax turns each row of logits into
/// probabilities, ŷ_j = exp(o_j) / Σ_k exp(o_k); the loss is cross-entropy −log ŷ_y; SGD is hand-written.
/// </summary>
public static class SoftmaxRegression
{
    /// <summary>The name the examples program runs this one by (<c>dotnet run --project examples/Dendrite.Examples NAME</c>).</summary>
    public const string Name = "softmax-regression";

    /// <summary>Runs the example with the given settings, printing each step to <paramref name="output"/>, and returns
    /// its numbers (which the tests check).</summary>
    public static ClassifierResult Run(TextWriter output, ulong seed = 7, int epochs = 10, float learningRate = 0.1f,
        int batchSize = 32, int trainCount = 300, int testCount = 300)
    {
        ArgumentNullException.ThrowIfNull(output);
        var rng = new Rng(seed);
        (float, float)[] centers = [(0f, 2f), (-2f, -1f), (2f, -1f)];
        InMemoryDataset train = Synthetic.Blobs(rng, trainCount, centers, std: 0.8f);
        InMemoryDataset test = Synthetic.Blobs(rng, testCount, centers, std: 0.8f);

        output.WriteLine($"Softmax regression from scratch: 3 Gaussian blobs in 2-D, {trainCount} train / {testCount} test samples");
        SoftmaxModel model = Fit(train, epochs, learningRate, batchSize, rng, output);
        ClassifierResult result = Evaluate(model, train, test);
        output.WriteLine($"  train accuracy {result.TrainAccuracy:P1}, test accuracy {result.TestAccuracy:P1}");
        return result;
    }

    /// <summary>softmax(X)_ij = exp(X_ij) / Σ_k exp(X_ik), written from tensor ops as in the book.</summary>
    /// <remarks>
    /// This naive form overflows once a logit exceeds ~88 (exp of it is not a float); the library's
    /// F.CrossEntropy uses log-sum-exp instead. Logits here stay small, so the book's version is fine.
    /// </remarks>
    public static Tensor Softmax(Tensor x)
    {
        Tensor e = x.Exp();
        return e / e.Sum(1, keepDim: true);
    }

    /// <summary>Mean cross-entropy −log ŷ[i, y_i]: the one-hot row picks the true class's probability.</summary>
    public static Tensor CrossEntropy(Tensor probabilities, Tensor oneHot) =>
        -(probabilities.Log() * oneHot).Sum(1).Mean();

    /// <summary>
    /// Trains W ~ N(0, 0.01²), b = 0 with minibatch SGD; prints the training loss every few epochs when
    /// <paramref name="output"/> is given. Also the "linear baseline" the MLP examples compare against.
    /// </summary>
    public static SoftmaxModel Fit(InMemoryDataset train, int epochs, float learningRate, int batchSize, Rng rng, TextWriter? output)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(rng);
        var model = new SoftmaxModel(
            Scratch.Learnable(Tensor.Randn(rng, [train.FeatureCount, train.ClassCount], 0f, 0.01f)),
            Scratch.Learnable(Tensor.Zeros(train.ClassCount)));
        Tensor x = Scratch.FeaturesOf(train);
        Tensor y = Scratch.OneHot(train.Labels, train.ClassCount);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            foreach (int[] rows in Scratch.Minibatches(train.Count, batchSize, rng))
            {
                Tensor loss = CrossEntropy(Softmax(model.Logits(x.GatherRows(rows))), y.GatherRows(rows));
                loss.Backward();
                Scratch.SgdStep([model.W, model.B], learningRate);
            }
            if (output is not null && (epoch == 1 || epoch == epochs || epoch % 5 == 0))
            {
                using var _ = AutogradContext.NoGrad();
                output.WriteLine($"  epoch {epoch,3}: train loss {CrossEntropy(Softmax(model.Logits(x)), y).Item():F4}");
            }
        }
        return model;
    }

    /// <summary>Train/test accuracy and the final training loss of <paramref name="model"/>.</summary>
    public static ClassifierResult Evaluate(SoftmaxModel model, InMemoryDataset train, InMemoryDataset test)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var _ = AutogradContext.NoGrad();
        Tensor trainLogits = model.Logits(Scratch.FeaturesOf(train));
        double loss = CrossEntropy(Softmax(trainLogits), Scratch.OneHot(train.Labels, train.ClassCount)).Item();
        return new ClassifierResult(Scratch.Accuracy(trainLogits, train.Labels),
            Scratch.Accuracy(model.Logits(Scratch.FeaturesOf(test)), test.Labels), loss);
    }
}
