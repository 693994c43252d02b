using Dendrite.Autograd;
using Dendrite.Examples.Common;
using Dendrite.Examples.Results;
using Dendrite.Optim;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Examples;

/// <summary>
/// d2l "Weight Decay". With 200 inputs and only 20 training samples, linear regression can fit the training
/// set perfectly and generalizes badly. The data: y = 0.05 + Σᵢ 0.01·xᵢ + ε, ε ~ N(0, 0.01²). Adding the L2 penalty
/// λ/2·‖w‖² to the loss shrinks w towards zero and the test loss drops by orders of magnitude.
/// </summary>
public static class WeightDecay
{
    /// <summary>The name the examples program runs this one by (<c>dotnet run --project examples/Dendrite.Examples NAME</c>).</summary>
    public const string Name = "weight-decay";

    private const int Inputs = 200;

    /// <summary>Runs the example with the given settings, printing each step to <paramref name="output"/>, and returns
    /// its numbers (which the tests check).</summary>
    public static WeightDecayResult Run(TextWriter output, ulong seed = 3, float lambda = 3f, int epochs = 100,
        float learningRate = 0.003f, int batchSize = 5, int trainCount = 20, int testCount = 100)
    {
        ArgumentNullException.ThrowIfNull(output);
        var rng = new Rng(seed);
        var (xTrain, yTrain) = MakeData(rng, trainCount);
        var (xTest, yTest) = MakeData(rng, testCount);
        output.WriteLine($"Weight decay: {Inputs} inputs, {trainCount} train / {testCount} test samples, {epochs} epochs, lr {learningRate}, batch {batchSize}");

        // Every run starts from the same initial w so only λ differs between them.
        ulong initSeed = rng.NextUInt64();
        DecayRun Train(float l, bool library) =>
            TrainOne(new Rng(initSeed), l, library, xTrain, yTrain, xTest, yTest, epochs, learningRate, batchSize);

        var result = new WeightDecayResult(Train(0f, false), Train(lambda, false), Train(lambda, true));
        output.WriteLine($"  {"method",-16} {"lambda",6} {"train loss",12} {"test loss",12} {"|w|",8}");
        foreach (DecayRun r in new[] { result.NoDecay, result.WithDecay, result.LibraryDecay })
            output.WriteLine($"  {r.Method,-16} {r.Lambda,6:0.##} {r.TrainLoss,12:E3} {r.TestLoss,12:E3} {r.WeightNorm,8:F4}");
        output.WriteLine($"  without decay the model overfits (test/train loss ratio {result.NoDecay.TestLoss / result.NoDecay.TrainLoss:E1}); " +
                         $"decay cuts the test loss {result.NoDecay.TestLoss / result.WithDecay.TestLoss:F0}x");
        return result;
    }

    private static (Tensor X, Tensor Y) MakeData(Rng rng, int count)
    {
        Tensor x = Tensor.Randn(rng, [count, Inputs]);
        Tensor trueW = Tensor.Full(0.01f, Inputs, 1);
        return (x, x.MatMul(trueW) + 0.05f + Tensor.Randn(rng, [count, 1], 0f, 0.01f));
    }

    private static DecayRun TrainOne(Rng rng, float lambda, bool library, Tensor xTrain, Tensor yTrain, Tensor xTest, Tensor yTest,
        int epochs, float learningRate, int batchSize)
    {
        // The book's init_params: w ~ N(0, 1), b = 0.
        Tensor w = Scratch.Learnable(Tensor.Randn(rng, [Inputs, 1]));
        Tensor b = Scratch.Learnable(Tensor.Zeros(1));
        Tensor Net(Tensor x) => x.MatMul(w) + b;
        static Tensor SquaredLoss(Tensor yHat, Tensor y) => ((yHat - y) * (yHat - y) * 0.5f).Mean();

        // The library route: Sgd applies decay to the weight only (as the book's concise version does), so it
        // gets its own optimizer; the bias gets a plain one. Parameter copies the initial values.
        Parameter? pw = null, pb = null;
        Sgd? decayed = null, plain = null;
        if (library)
        {
            pw = Parameter.From(w);
            pb = Parameter.From(b);
            decayed = new Sgd([pw], new SgdOptions(learningRate, WeightDecay: lambda));
            plain = new Sgd([pb], new SgdOptions(learningRate));
            w = pw;
            b = pb;
        }

        int n = xTrain.Dim(0);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            foreach (int[] rows in Scratch.Minibatches(n, batchSize, rng))
            {
                Tensor loss = SquaredLoss(Net(xTrain.GatherRows(rows)), yTrain.GatherRows(rows));
                if (library)
                {
                    decayed!.ZeroGrad();
                    plain!.ZeroGrad();
                    loss.Backward();
                    decayed.Step();
                    plain.Step();
                }
                else
                {
                    // L2 penalty λ/2·‖w‖²: its gradient λw pulls every weight towards zero each step.
                    if (lambda != 0f) loss = loss + (w * w).Sum() * (lambda / 2f);
                    loss.Backward();
                    Scratch.SgdStep([w, b], learningRate);
                }
            }
        }

        using var _ = AutogradContext.NoGrad();
        return new DecayRun(lambda, library ? "Sgd WeightDecay" : "scratch", SquaredLoss(Net(xTrain), yTrain).Item(),
            SquaredLoss(Net(xTest), yTest).Item(), Math.Sqrt((w * w).Sum().Item()));
    }
}
