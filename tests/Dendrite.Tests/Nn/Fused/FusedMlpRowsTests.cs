using Dendrite.Nn;
using Dendrite.Nn.Fused;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Tests.Nn.Fused;

/// <summary>The training step that reads its batch as rows of a whole dataset, against the one given the gathered batch.</summary>
public class FusedMlpRowsTests
{
    private static Sequential Model(ulong seed, bool normAndGelu)
    {
        var rng = new Rng(seed);
        return normAndGelu
            ? new Sequential(new Flatten(), new Linear(20, 16, rng), new BatchNorm1d(16), new GELU(), new Dropout(0.2f, rng.Fork()), new Linear(16, 5, rng))
            : new Sequential(new Flatten(), new Linear(20, 16, rng), new ReLU(), new Linear(16, 5, rng));
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 7)]
    [InlineData(false, 64)]
    [InlineData(true, 7)]
    [InlineData(true, 64)]
    public void TrainStep_OnDatasetRows_IsBitIdenticalToTheGatheredBatch(bool normAndGelu, int batch)
    {
        var rng = new Rng(3);
        const int sourceRows = 100, width = 20;
        float[] source = new float[sourceRows * width];
        for (int i = 0; i < source.Length; i++) source[i] = rng.NextFloat() - 0.5f;
        Sequential gatheredModel = Model(5, normAndGelu), rowsModel = Model(5, normAndGelu);
        gatheredModel.Train();
        rowsModel.Train();
        FusedMlp gatheredPlan = FusedMlp.TryCompile(gatheredModel)!, rowsPlan = FusedMlp.TryCompile(rowsModel)!;
        for (int step = 0; step < 3; step++)
        {
            int[] rows = Enumerable.Range(0, batch).Select(_ => rng.NextInt(sourceRows)).ToArray();
            int[] labels = Enumerable.Range(0, batch).Select(_ => rng.NextInt(5)).ToArray();
            float[] gathered = new float[batch * width];
            for (int i = 0; i < batch; i++) Array.Copy(source, rows[i] * width, gathered, i * width, width);
            if (normAndGelu && batch == 1) continue; // a batch of one has no batch statistics
            FusedStepResult a = gatheredPlan.TrainStep(gathered, labels, batch);
            FusedStepResult b = rowsPlan.TrainStep(source, rows, labels, batch);
            Assert.Equal(a.LossSum, b.LossSum);
            Assert.Equal(a.Correct, b.Correct);
            foreach (var (pa, pb) in gatheredModel.Parameters().Zip(rowsModel.Parameters()))
                Assert.True(pa.Grad!.Data.AsSpan().SequenceEqual(pb.Grad!.Data), "gradients differ");
        }
    }

    [Fact]
    public void TrainStep_OnDatasetRows_RejectsARowOutsideTheSource()
    {
        var plan = FusedMlp.TryCompile(Model(1, false))!;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => plan.TrainStep(new float[3 * 20], [0, 3], [0, 1], 2));
        Assert.Contains("outside the source's 3 rows", e.Message);
        Assert.Throws<ShapeMismatchException>(() => plan.TrainStep(new float[3 * 20], [0], [0, 1], 2));
    }
}
