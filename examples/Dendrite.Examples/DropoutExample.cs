using Dendrite.Data;
using Dendrite.Examples.Common;
using Dendrite.Examples.Results;
using Dendrite.Nn;
using Dendrite.Optim;
using Dendrite.Random;
using Dendrite.Training;

namespace Dendrite.Examples;

/// <summary>
/// d2l "Dropout". A wide two-hidden-layer MLP on a small, noisy task (200 samples, 10 features of which only two
/// matter, 20% flipped labels) memorizes its training set, flipped labels included. Dropout zeroes each hidden activation
/// with probability p during training (scaling the survivors by 1/(1 − p)) and does nothing at evaluation, which
/// keeps the network from relying on any single unit: training accuracy falls, the train–test gap shrinks.
/// </summary>
/// <remarks>
/// The setup (width 512, 30 epochs, lr 0.1, 200 samples, 10 features) was chosen by running seeds 1–8 by hand:
/// for every one of them dropout lowered the train–test gap (by 0.05–0.10) and raised test accuracy (by 0.01–0.02).
/// On smaller/longer setups (100 samples, 20 features, 100 epochs) both nets reach 100% training accuracy and
/// dropout made no consistent difference. Seed 1 is fixed here so the test is deterministic.
/// </remarks>
public static class DropoutExample
{
    /// <summary>The name the examples program runs this one by (<c>dotnet run --project examples/Dendrite.Examples NAME</c>).</summary>
    public const string Name = "dropout";

    /// <summary>Runs the example with the given settings, printing each step to <paramref name="output"/>, and returns
    /// its numbers (which the tests check).</summary>
    public static DropoutResult Run(TextWriter output, ulong seed = 1, float p = 0.5f, int hidden = 512, int epochs = 30,
        float learningRate = 0.1f, int batchSize = 10, int trainCount = 200, int testCount = 1000, int features = 10, float labelNoise = 0.2f)
    {
        ArgumentNullException.ThrowIfNull(output);
        var rng = new Rng(seed);
        InMemoryDataset train = Synthetic.NoisyLinear(rng, trainCount, features, labelNoise);
        InMemoryDataset test = Synthetic.NoisyLinear(rng, testCount, features, labelNoise);
        output.WriteLine($"Dropout: MLP {features}-{hidden}-{hidden}-2 on a noisy linear rule, {trainCount} train / {testCount} test samples, {epochs} epochs");

        // Both runs start from identical weights and see batches in the same order; only dropout differs.
        ulong initSeed = rng.NextUInt64(), shuffleSeed = rng.NextUInt64(), dropoutSeed = rng.NextUInt64();
        ClassifierResult TrainOne(float dropP)
        {
            var init = new Rng(initSeed);
            var dropRng = new Rng(dropoutSeed);
            var model = new Sequential(new Linear(features, hidden, init), new ReLU());
            if (dropP > 0) model.Add(new Dropout(dropP, dropRng));
            model.Add(new Linear(hidden, hidden, init)).Add(new ReLU());
            if (dropP > 0) model.Add(new Dropout(dropP, dropRng));
            model.Add(new Linear(hidden, 2, init));
            var trainer = new Trainer(model, new Sgd(model.Parameters(), new SgdOptions(learningRate)),
                new TrainerOptions(Epochs: epochs, BatchSize: batchSize));
            trainer.Fit(train, test, new Rng(shuffleSeed));
            // Accuracies in eval mode (dropout off) for both sets, so they are comparable.
            Evaluation onTrain = Evaluator.Evaluate(model, train), onTest = Evaluator.Evaluate(model, test);
            return new ClassifierResult(onTrain.Accuracy, onTest.Accuracy, onTrain.Loss);
        }

        var result = new DropoutResult(p, TrainOne(0f), TrainOne(p));
        output.WriteLine($"  {"",-14} {"train acc",10} {"test acc",10} {"gap",8}");
        output.WriteLine($"  {"no dropout",-14} {result.NoDropout.TrainAccuracy,10:P1} {result.NoDropout.TestAccuracy,10:P1} {result.NoDropout.GeneralizationGap,8:P1}");
        output.WriteLine($"  {$"dropout p={p}",-14} {result.WithDropout.TrainAccuracy,10:P1} {result.WithDropout.TestAccuracy,10:P1} {result.WithDropout.GeneralizationGap,8:P1}");
        return result;
    }
}
