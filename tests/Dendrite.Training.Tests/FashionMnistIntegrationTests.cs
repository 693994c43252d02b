using Dendrite.Data;
using Dendrite.Nn.Configs;
using Dendrite.Optim;

namespace Dendrite.Training.Tests;

// Integration: needs every op, DataLoader and FashionMnist.Load (other helpers) and the data set installed.
public class FashionMnistIntegrationTests
{
    private static readonly OptimizerSettings Sgd01 = new(OptimizerKind.Sgd, 0.1f);

    [Fact]
    public void D2lDefaultMlp_LearnsFashionMnist_InTwoEpochs()
    {
        var data = FashionMnist.Load();
        var outcome = MlpTraining.Run(MlpSpec.D2lDefault, Sgd01, new TrainerOptions(Epochs: 2, BatchSize: 256), 0,
            data.Train, data.Test);
        Assert.Equal(2, outcome.Epochs.Count);
        EpochResult second = outcome.Epochs[1];
        // Reference: PyTorch 1.13 with the same settings over 9 seeds gives, for epoch 2, train loss 0.597–0.601 and
        // train accuracy 0.789–0.791 (stable), but test accuracy 0.751–0.805: SGD at lr 0.1 makes the test accuracy
        // of a single snapshot jump by several points, so "≥ 0.80 after two epochs" would be a coin flip.
        // The stable training metrics carry the tight checks; test accuracy gets the reference's worst case minus a margin.
        Assert.True(second.TrainLoss <= 0.65, $"epoch 2 train loss {second.TrainLoss:F4}");
        Assert.True(second.TrainAccuracy >= 0.77, $"epoch 2 train accuracy {second.TrainAccuracy:F4}");
        Assert.True(outcome.TestAccuracy >= 0.74, $"test accuracy {outcome.TestAccuracy:F4}");
    }

    [Fact]
    public void D2lMlp_ReachesEightyPercentTestAccuracy_InTwoEpochs_WithBatch64()
    {
        // The bar: two epochs on the real data reach test accuracy ≥ 0.80. With batch 256 that is a coin flip
        // (see above); batch 64 gives 4× the updates in the same two epochs and lands at 0.81–0.84 across seeds 0–2
        // (measured with ./dendrite train --epochs 2 --batch-size 64). Training is bitwise reproducible, so this
        // seed's result only moves when the maths changes.
        var data = FashionMnist.Load();
        var outcome = MlpTraining.Run(MlpSpec.D2lDefault, Sgd01, new TrainerOptions(Epochs: 2, BatchSize: 64), 0,
            data.Train, data.Test);
        Assert.True(outcome.TestAccuracy >= 0.80, $"test accuracy {outcome.TestAccuracy:F4} after two epochs");
    }

    [Fact]
    public void FusedAndAutogradEngines_TrainTheSameModel()
    {
        // One epoch on the first 6,000 training images with each engine: same seed, same batches, so the weights
        // differ only by float rounding (different summation order inside the kernels).
        var full = FashionMnist.Load();
        var train = new InMemoryDataset(full.Train.Features.AsSpan(0, 6000 * 784).ToArray(), 784, full.Train.Labels[..6000], 10);
        var fused = MlpTraining.Run(MlpSpec.D2lDefault, Sgd01,
            new TrainerOptions(Epochs: 1, Engine: TrainingEngine.Fused), 3, train, full.Test);
        var autograd = MlpTraining.Run(MlpSpec.D2lDefault, Sgd01,
            new TrainerOptions(Epochs: 1, Engine: TrainingEngine.Autograd), 3, train, full.Test);
        Assert.Equal(autograd.Epochs[0].TrainLoss, fused.Epochs[0].TrainLoss, 3);
        Assert.Equal(autograd.TestAccuracy, fused.TestAccuracy, 2);
    }
}
