using Dendrite.Examples.Results;

namespace Dendrite.Examples.Tests;

/// <summary>
/// Runs every example with its default (fixed) seed and checks the outcome the d2l chapter claims, plus that
/// the example printed its report.
/// </summary>
public class ExampleTests
{
    private static void AssertReported(StringWriter output, string mustContain)
    {
        string text = output.ToString();
        Assert.False(string.IsNullOrWhiteSpace(text));
        Assert.Contains(mustContain, text, StringComparison.Ordinal);
    }

    [Fact]
    public void LinearRegression_RecoversTrueWeightsAndBias()
    {
        var output = new StringWriter();
        LinearRegressionResult r = LinearRegression.Run(output);
        Assert.True(r.MaxAbsError < 0.01, $"largest |error| {r.MaxAbsError}");
        Assert.True(r.EpochLosses[^1] < r.EpochLosses[0], "loss should fall across epochs");
        AssertReported(output, "learned w");
    }

    [Fact]
    public void SoftmaxRegression_SeparatesThreeBlobs()
    {
        var output = new StringWriter();
        ClassifierResult r = SoftmaxRegression.Run(output);
        Assert.True(r.TestAccuracy >= 0.9, $"test accuracy {r.TestAccuracy}");
        AssertReported(output, "test accuracy");
    }

    [Fact]
    public void MlpScratch_SolvesMoons_WhereSoftmaxRegressionCannot()
    {
        var output = new StringWriter();
        MlpResult r = MlpScratch.Run(output);
        Assert.True(r.Mlp.TestAccuracy >= 0.95, $"MLP test accuracy {r.Mlp.TestAccuracy}");
        Assert.True(r.LinearBaseline.TestAccuracy < 0.92, $"linear baseline test accuracy {r.LinearBaseline.TestAccuracy}");
        AssertReported(output, "softmax regression");
    }

    [Fact]
    public void MlpConcise_SolvesMoons_WhereSoftmaxRegressionCannot()
    {
        var output = new StringWriter();
        MlpResult r = MlpConcise.Run(output);
        Assert.True(r.Mlp.TestAccuracy >= 0.95, $"MLP test accuracy {r.Mlp.TestAccuracy}");
        Assert.True(r.LinearBaseline.TestAccuracy < 0.92, $"linear baseline test accuracy {r.LinearBaseline.TestAccuracy}");
        AssertReported(output, "softmax regression");
    }

    [Fact]
    public void WeightDecay_CutsTestLoss_OfOverfittingRegression()
    {
        var output = new StringWriter();
        WeightDecayResult r = WeightDecay.Run(output);
        // Without decay: near-zero training loss, huge test loss.
        Assert.True(r.NoDecay.TestLoss > 100 * r.NoDecay.TrainLoss, $"no decay: train {r.NoDecay.TrainLoss}, test {r.NoDecay.TestLoss}");
        // With λ = 3 the test loss is far lower and the weights far smaller.
        Assert.True(r.WithDecay.TestLoss < r.NoDecay.TestLoss / 10, $"test loss {r.WithDecay.TestLoss} vs {r.NoDecay.TestLoss}");
        Assert.True(r.WithDecay.WeightNorm < r.NoDecay.WeightNorm / 10);
        // The optimizer's WeightDecay is the same rule as the hand-written penalty.
        Assert.Equal(r.WithDecay.TestLoss, r.LibraryDecay.TestLoss, 1e-3 * r.WithDecay.TestLoss);
        AssertReported(output, "Sgd WeightDecay");
    }

    [Fact]
    public void Dropout_ShrinksGeneralizationGap()
    {
        var output = new StringWriter();
        DropoutResult r = DropoutExample.Run(output);
        Assert.True(r.NoDropout.GeneralizationGap > 0.2, $"without dropout the net should overfit; gap {r.NoDropout.GeneralizationGap}");
        Assert.True(r.WithDropout.GeneralizationGap < r.NoDropout.GeneralizationGap - 0.03,
            $"gap with dropout {r.WithDropout.GeneralizationGap} vs without {r.NoDropout.GeneralizationGap}");
        AssertReported(output, "dropout p=0.5");
    }

    [Fact]
    public void PerceptronVsSoftmax_CrossEntropyIsAtLeastAsAccurate_AndFindsTheDiagonalBand()
    {
        var output = new StringWriter();
        PerceptronResult r = PerceptronVsSoftmax.Run(output);
        Assert.True(r.CrossEntropyAccuracy >= r.SquaredLossAccuracy - 0.01,
            $"cross-entropy {r.CrossEntropyAccuracy} vs squared loss {r.SquaredLossAccuracy}");
        Assert.True(r.CrossEntropyAccuracy >= 0.9, $"cross-entropy accuracy {r.CrossEntropyAccuracy}");
        Assert.True(r.CrossEntropyMiddleClassRecall > r.SquaredLossMiddleClassRecall);
        AssertReported(output, "middle band recall");
    }
}
