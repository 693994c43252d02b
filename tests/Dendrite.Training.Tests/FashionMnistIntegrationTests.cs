using Dendrite.Data;
using Dendrite.Optim;

namespace Dendrite.Training.Tests;

// Integration: needs every op, DataLoader and FashionMnist.Load (other helpers) and the data set installed.
public class FashionMnistIntegrationTests
{
    [Fact]
    public void D2lDefaultMlp_LearnsFashionMnist_InTwoEpochs()
    {
        var data = FashionMnist.Load();
        var outcome = MlpTraining.Run(MlpSpec.D2lDefault, new SgdOptions(0.1f), new TrainerOptions(Epochs: 2, BatchSize: 256, Seed: 0),
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
}
