using Dendrite.Tensors;

namespace Dendrite.Training.Tests;

public class MetricsTests
{
    [Fact]
    public void CountCorrect_ComparesRowArgMaxWithLabels()
    {
        var logits = Tensor.FromArray(new float[,] { { 0.1f, 2f, -1f }, { 5f, 1f, 0f }, { 0f, 0f, 3f }, { 1f, 1f, 0f } });
        Assert.Equal(3, Metrics.CountCorrect(logits, [1, 0, 1, 0])); // last row is a tie: lowest index wins
        Assert.Equal(0.75, Metrics.Accuracy(logits, [1, 0, 1, 0]));
    }

    [Fact]
    public void CountCorrect_CountsNaNRowsAsWrong()
    {
        var logits = Tensor.FromArray(new float[,] { { float.NaN, 1f }, { 0f, float.NaN }, { 2f, 1f } });
        Assert.Equal(1, Metrics.CountCorrect(logits, [1, 0, 0]));
        Assert.Equal(0, Metrics.CountCorrect(logits, [0, 1, 1]));
    }

    [Fact]
    public void CountCorrect_RejectsMismatchedLabelCount()
    {
        var logits = Tensor.Zeros(3, 2);
        Assert.Throws<ShapeMismatchException>(() => Metrics.CountCorrect(logits, [0, 1]));
    }
}
