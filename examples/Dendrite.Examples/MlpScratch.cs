using Dendrite.Autograd;
using Dendrite.Data;
using Dendrite.Examples.Common;
using Dendrite.Examples.Results;
using Dendrite.Nn.Functional;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Examples;

/// <summary>
/// d2l "Implementation of Multilayer Perceptrons" (from scratch) on two interleaved moons. One hidden layer:
/// H = ReLU(XW₁ + b₁), O = HW₂ + b₂, with parameters we create ourselves and hand-written SGD. The chapter's
/// point: no linear model separates the moons, but one hidden layer of ReLUs bends the boundary around them.
/// </summary>
public static class MlpScratch
{
    /// <summary>The name the examples program runs this one by (<c>dotnet run --project examples/Dendrite.Examples NAME</c>).</summary>
    public const string Name = "mlp-scratch";

    /// <summary>Runs the example with the given settings, printing each step to <paramref name="output"/>, and returns
    /// its numbers (which the tests check).</summary>
    public static MlpResult Run(TextWriter output, ulong seed = 11, int hidden = 32, int epochs = 100, float learningRate = 0.1f,
        int batchSize = 32, int trainCount = 400, int testCount = 400)
    {
        ArgumentNullException.ThrowIfNull(output);
        var rng = new Rng(seed);
        var (train, test) = MoonsProblem.Make(rng, trainCount, testCount);
        output.WriteLine($"MLP from scratch: 2-{hidden}-2, ReLU, two moons (noise {MoonsProblem.Noise}), {trainCount} train / {testCount} test");

        // Parameters. The book draws N(0, 0.01²) for 784 inputs; with only 2 inputs such tiny weights leave the
        // hidden layer nearly dead for many epochs, so we use the Kaiming scale √(2 / fan_in) instead.
        Tensor w1 = Scratch.Learnable(Tensor.Randn(rng, [2, hidden], 0f, MathF.Sqrt(2f / 2)));
        Tensor b1 = Scratch.Learnable(Tensor.Zeros(hidden));
        Tensor w2 = Scratch.Learnable(Tensor.Randn(rng, [hidden, 2], 0f, MathF.Sqrt(2f / hidden)));
        Tensor b2 = Scratch.Learnable(Tensor.Zeros(2));
        Tensor[] parameters = [w1, b1, w2, b2];

        Tensor Net(Tensor x) => (x.MatMul(w1) + b1).Relu().MatMul(w2) + b2;

        Tensor xTrain = Scratch.FeaturesOf(train);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            foreach (int[] rows in Scratch.Minibatches(train.Count, batchSize, rng))
            {
                // F.CrossEntropy fuses softmax and −log with log-sum-exp, as the book's concise loss does.
                Tensor loss = F.CrossEntropy(Net(xTrain.GatherRows(rows)), Scratch.Pick(train.Labels, rows));
                loss.Backward();
                Scratch.SgdStep(parameters, learningRate);
            }
            if (epoch == 1 || epoch % 20 == 0)
            {
                using var _ = AutogradContext.NoGrad();
                output.WriteLine($"  epoch {epoch,3}: train loss {F.CrossEntropy(Net(xTrain), train.Labels).Item():F4}");
            }
        }

        ClassifierResult mlp;
        using (AutogradContext.NoGrad())
        {
            Tensor logits = Net(xTrain);
            mlp = new ClassifierResult(Scratch.Accuracy(logits, train.Labels),
                Scratch.Accuracy(Net(Scratch.FeaturesOf(test)), test.Labels), F.CrossEntropy(logits, train.Labels).Item());
        }
        var result = new MlpResult(mlp, MoonsProblem.LinearBaseline(train, test, rng));
        Report(output, result);
        return result;
    }

    /// <summary>Prints the MLP next to the linear baseline.</summary>
    public static void Report(TextWriter output, MlpResult result)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        output.WriteLine($"  MLP                 train {result.Mlp.TrainAccuracy:P1}, test {result.Mlp.TestAccuracy:P1}");
        output.WriteLine($"  softmax regression  train {result.LinearBaseline.TrainAccuracy:P1}, test {result.LinearBaseline.TestAccuracy:P1}" +
                         "  (a straight boundary cannot follow the moons)");
    }
}
