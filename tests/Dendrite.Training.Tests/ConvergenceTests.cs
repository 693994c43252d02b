using Dendrite.Init;
using Dendrite.Nn.Configs;
using Dendrite.Optim;

namespace Dendrite.Training.Tests;

// Needs the ops (Linear, ReLU, CrossEntropy, GatherRows) and DataLoader from the other helpers.
public class ConvergenceTests
{
    private static double TrainAccuracy(int[] hidden)
    {
        var data = BandData.Create(1000, seed: 1);
        var spec = new MlpSpec(2, hidden, 2, "relu", LinearInit.Default);
        var outcome = MlpTraining.Run(spec, new OptimizerSettings(OptimizerKind.Sgd, 0.2f), new TrainerOptions(Epochs: 150, BatchSize: 32), 3, data, data);
        return Evaluator.Evaluate(outcome.Model, data).Accuracy;
    }

    [Fact]
    public void Mlp_FitsTheDiagonalBand()
    {
        Assert.True(TrainAccuracy([16]) >= 0.95);
    }

    [Fact]
    public void SoftmaxRegression_CannotFitTheDiagonalBand()
    {
        // The best straight cut scores ~75% on this balanced band; allow sampling slack but stay far below the MLP.
        Assert.True(TrainAccuracy([]) <= 0.80);
    }
}
