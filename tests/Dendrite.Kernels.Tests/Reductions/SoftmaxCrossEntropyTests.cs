using Dendrite.Kernels.Reductions;

namespace Dendrite.Kernels.Tests.Reductions;

public class SoftmaxCrossEntropyTests
{
    private static void Close(double expected, float actual, double relTol, string what)
    {
        double tol = 1e-6 + (relTol * Math.Abs(expected));
        if (!(Math.Abs(actual - expected) <= tol)) Assert.Fail($"{what}: got {actual}, expected {expected}");
    }

    [Fact]
    public void Compute_MatchesFloat64Reference_ForEveryClassCount()
    {
        var rng = new Random(20);
        // 3 rows for every class count (per-row narrow and wide paths), then many rows of the MLP's 10 classes and
        // of odd widths, so the block-wide exponential meets every tail.
        var shapes = Enumerable.Range(1, 256).Select(c => (Rows: 3, Classes: c))
            .Concat([(256, 10), (37, 10), (1, 10), (255, 7), (19, 33), (64, 31)]);
        foreach (var (rows, classes) in shapes)
        {
            float[] z = new float[rows * classes];
            for (int i = 0; i < z.Length; i++) z[i] = (float)((rng.NextDouble() * 20) - 10);
            int[] labels = new int[rows];
            for (int i = 0; i < rows; i++) labels[i] = rng.Next(classes);
            float[] loss = new float[rows], grad = new float[z.Length];
            float scale = 1f / rows;
            int correct = SoftmaxCrossEntropy.Compute(z, rows, classes, labels, loss, grad, scale);

            int expectedCorrect = 0;
            for (int i = 0; i < rows; i++)
            {
                double max = double.NegativeInfinity;
                int argmax = 0;
                for (int c = 0; c < classes; c++)
                    if (z[(i * classes) + c] > max) { max = z[(i * classes) + c]; argmax = c; }
                double sum = 0;
                for (int c = 0; c < classes; c++) sum += Math.Exp(z[(i * classes) + c] - max);
                double expectedLoss = Math.Log(sum) - (z[(i * classes) + labels[i]] - max);
                Close(expectedLoss, loss[i], 1e-5, $"loss classes={classes} row={i}");
                for (int c = 0; c < classes; c++)
                {
                    double p = Math.Exp(z[(i * classes) + c] - max) / sum;
                    Close((p - (c == labels[i] ? 1 : 0)) * scale, grad[(i * classes) + c], 1e-5, $"grad classes={classes} [{i},{c}]");
                }
                if (argmax == labels[i]) expectedCorrect++;
            }
            Assert.Equal(expectedCorrect, correct);
        }
    }

    [Fact]
    public void Compute_IsStable_ForLogitsOfPlusMinus1000()
    {
        float[] z = [1000f, -1000f, 0f, -1000f, 1000f, 999f];
        int[] labels = [0, 0];
        float[] loss = new float[2], grad = new float[6];
        int correct = SoftmaxCrossEntropy.Compute(z, 2, 3, labels, loss, grad, 1f);
        // e^0 comes from the vectorized exponential, which is within one ulp of 1, so the loss is 0 to within 2⁻²³.
        Assert.InRange(loss[0], 0f, 1.2e-7f);
        Close(2000 + Math.Log(1 + Math.Exp(-1)), loss[1], 1e-6, "row 2 (label logit -1000, max 1000)");
        Assert.All(grad, g => Assert.True(float.IsFinite(g)));
        Assert.InRange(grad[0], -1.2e-7f, 1.2e-7f);
        Assert.Equal(1, correct);
    }

    [Fact]
    public void Compute_WorksInPlace_AndWithoutGradient()
    {
        float[] z = [1f, 2f, 3f, 0.5f, -1f, 2f, 7f, 7f];
        int[] labels = [2, 0];
        float[] lossA = new float[2], lossB = new float[2], grad = new float[8];
        int ca = SoftmaxCrossEntropy.Compute(z, 2, 4, labels, lossA, grad, 0.5f);
        int cb = SoftmaxCrossEntropy.Compute(z, 2, 4, labels, lossB, [], 0.5f);
        float[] inPlace = (float[])z.Clone();
        SoftmaxCrossEntropy.Compute(inPlace, 2, 4, labels, lossB, inPlace, 0.5f);
        Assert.Equal(lossA, lossB);
        Assert.Equal(grad, inPlace);
        Assert.Equal(ca, cb);
        Assert.Equal(1, ca); // row 0: argmax 2 = label; row 1: tie 7,7 → first max (2) ≠ 0
    }

    [Fact]
    public void Compute_GivesTheFirstNaNAsArgmax_AndANaNLoss_ForARowWithNaN()
    {
        foreach (int classes in new[] { 4, 40 })
        {
            float[] z = new float[classes];
            z[1] = float.NaN;
            z[2] = float.NaN;
            float[] loss = new float[1];
            int correct = SoftmaxCrossEntropy.Compute(z, 1, classes, [1], loss, new float[classes], 1f);
            Assert.Equal(1, correct);
            Assert.True(float.IsNaN(loss[0]));
        }
    }

    [Fact]
    public void Compute_Throws_ForLabelOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            SoftmaxCrossEntropy.Compute(new float[4], 2, 2, [0, 2], new float[2], [], 1f));
    }
}
