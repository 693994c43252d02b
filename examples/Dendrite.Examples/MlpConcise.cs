using Dendrite.Examples.Common;
using Dendrite.Examples.Results;
using Dendrite.Nn;
using Dendrite.Optim;
using Dendrite.Random;
using Dendrite.Training;

namespace Dendrite.Examples;

/// <summary>
/// d2l "Concise Implementation of Multilayer Perceptrons": the same 2-32-2 ReLU network as <see cref="MlpScratch"/>,
/// now built from library modules (Sequential, Linear, ReLU), optimized by the library's Sgd and trained by
/// <see cref="Trainer"/> (which compiles this Linear/ReLU stack to its fused, allocation-free plan).
/// </summary>
public static class MlpConcise
{
    /// <summary>The name the examples program runs this one by (<c>dotnet run --project examples/Dendrite.Examples NAME</c>).</summary>
    public const string Name = "mlp-concise";

    /// <summary>Runs the example with the given settings, printing each step to <paramref name="output"/>, and returns
    /// its numbers (which the tests check).</summary>
    public static MlpResult Run(TextWriter output, ulong seed = 11, int hidden = 32, int epochs = 100, float learningRate = 0.1f,
        int batchSize = 32, int trainCount = 400, int testCount = 400)
    {
        ArgumentNullException.ThrowIfNull(output);
        var rng = new Rng(seed);
        var (train, test) = MoonsProblem.Make(rng, trainCount, testCount);
        output.WriteLine($"MLP, concise: Sequential(Linear(2, {hidden}), ReLU, Linear({hidden}, 2)) + Sgd + Trainer, two moons");

        // Linear draws PyTorch's default init (uniform ±1/√fan_in) from rng.
        var model = new Sequential(new Linear(2, hidden, rng), new ReLU(), new Linear(hidden, 2, rng));
        var trainer = new Trainer(model, new Sgd(model.Parameters(), new SgdOptions(learningRate)),
            new TrainerOptions(Epochs: epochs, BatchSize: batchSize));
        output.WriteLine($"  engine: {(trainer.Plan is null ? "autograd" : "fused plan")}");
        IReadOnlyList<EpochResult> epochsRun = trainer.Fit(train, test, rng, e =>
        {
            if (e.Epoch == 1 || e.Epoch % 20 == 0)
                output.WriteLine($"  epoch {e.Epoch,3}: train loss {e.TrainLoss:F4}, test accuracy {e.TestAccuracy:P1}");
        });

        Evaluation trainEval = Evaluator.Evaluate(model, train);
        var mlp = new ClassifierResult(trainEval.Accuracy, epochsRun[^1].TestAccuracy, trainEval.Loss);
        var result = new MlpResult(mlp, MoonsProblem.LinearBaseline(train, test, rng));
        MlpScratch.Report(output, result);
        return result;
    }
}
