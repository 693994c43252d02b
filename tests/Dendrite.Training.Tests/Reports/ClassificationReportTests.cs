using Dendrite.Training.Reports;

namespace Dendrite.Training.Tests.Reports;

public class ClassificationReportTests
{
    [Fact]
    public void FromLogits_CountsConfusionAndPerClassScores()
    {
        // true:      0  0  1  1  1  2
        // predicted: 0  1  1  1  0  2
        float[] logits =
        [
            5, 0, 0,
            0, 5, 0,
            0, 5, 0,
            0, 5, 0,
            5, 0, 0,
            0, 0, 5,
        ];
        var r = ClassificationReport.FromLogits(logits, [0, 0, 1, 1, 1, 2], ["a", "b", "c"]);
        Assert.Equal(4.0 / 6, r.Accuracy, 12);
        Assert.Equal(1, r.Confusion[0, 0]);
        Assert.Equal(1, r.Confusion[0, 1]);
        Assert.Equal(1, r.Confusion[1, 0]);
        Assert.Equal(2, r.Confusion[1, 1]);
        Assert.Equal(1, r.Confusion[2, 2]);
        // class b: TP 2, predicted as b 3, actually b 3.
        Assert.Equal(2.0 / 3, r.Classes[1].Precision, 12);
        Assert.Equal(2.0 / 3, r.Classes[1].Recall, 12);
        Assert.Equal(3, r.Classes[1].Support);
        // class a: TP 1, predicted 2, actual 2 → P = R = F1 = 0.5.
        Assert.Equal(0.5, r.Classes[0].F1, 12);
        Assert.Equal(1.0, r.Classes[2].F1, 12);
    }

    [Fact]
    public void Loss_MatchesCrossEntropy_AndIsStableForHugeLogits()
    {
        float[] logits = [1000, 0, 0, 0, 1000, 0];
        var r = ClassificationReport.FromLogits(logits, [0, 0], ["a", "b", "c"]);
        // Sample 0: loss ≈ 2e-435 → 0; sample 1: loss 1000.
        Assert.Equal(500, r.Loss, 9);
        Assert.True(double.IsFinite(r.Loss));
    }

    [Fact]
    public void ClassNeverPredicted_HasZeroPrecisionNotNaN()
    {
        var r = ClassificationReport.FromLogits([1, 0, 1, 0], [0, 1], ["a", "b"]);
        Assert.Equal(0, r.Classes[1].Precision);
        Assert.Equal(0, r.Classes[1].F1);
    }

    [Fact]
    public void TopK_OrdersByProbability_TiesToLowerIndex()
    {
        var top = Predictions.TopK([0.2f, 0.5f, 0.2f, 0.1f], 3);
        Assert.Equal([1, 0, 2], top.Select(t => t.Class));
    }

    [Fact]
    public void Softmax_RowsSumToOne()
    {
        float[] p = Predictions.Softmax([1, 2, 3, 100, 0, -100], 3);
        Assert.Equal(1.0, p[0] + p[1] + p[2], 5);
        Assert.Equal(1.0, p[3] + p[4] + p[5], 5);
        Assert.True(p[2] > p[1]);
    }
}
