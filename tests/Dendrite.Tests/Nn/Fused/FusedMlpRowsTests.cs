using Dendrite.Nn;
using Dendrite.Nn.Fused;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Tests.Nn.Fused;

/// <summary>The training step that reads its batch as rows of a whole dataset, against the one given the gathered batch.</summary>
public class FusedMlpRowsTests
{
    /// <summary>"relu": the plain plan; "norm-gelu": with batch norm, GELU and dropout; "parts": a hidden layer wide enough to train by parts.</summary>
    private static Sequential Model(ulong seed, string kind)
    {
        var rng = new Rng(seed);
        return kind switch
        {
            "norm-gelu" => new Sequential(new Flatten(), new Linear(20, 16, rng), new BatchNorm1d(16), new GELU(), new Dropout(0.2f, rng.Fork()), new Linear(16, 5, rng)),
            "parts" => new Sequential(new Flatten(), new Linear(20, 200, rng), new GELU(), new Linear(200, 5, rng)),
            _ => new Sequential(new Flatten(), new Linear(20, 16, rng), new ReLU(), new Linear(16, 5, rng)),
        };
    }

    [Theory]
    [InlineData("relu", 1)]
    [InlineData("relu", 7)]
    [InlineData("relu", 64)]
    [InlineData("norm-gelu", 7)]
    [InlineData("norm-gelu", 64)]
    [InlineData("parts", 1)]
    [InlineData("parts", 29)]
    public void TrainStep_OnDatasetRows_IsBitIdenticalToTheGatheredBatch(string kind, int batch)
    {
        var rng = new Rng(3);
        const int sourceRows = 100, width = 20;
        float[] source = new float[sourceRows * width];
        for (int i = 0; i < source.Length; i++) source[i] = rng.NextFloat() - 0.5f;
        Sequential gatheredModel = Model(5, kind), rowsModel = Model(5, kind);
        gatheredModel.Train();
        rowsModel.Train();
        FusedMlp gatheredPlan = FusedMlp.TryCompile(gatheredModel)!, rowsPlan = FusedMlp.TryCompile(rowsModel)!;
        for (int step = 0; step < 3; step++)
        {
            int[] rows = Enumerable.Range(0, batch).Select(_ => rng.NextInt(sourceRows)).ToArray();
            int[] labels = Enumerable.Range(0, batch).Select(_ => rng.NextInt(5)).ToArray();
            float[] gathered = new float[batch * width];
            for (int i = 0; i < batch; i++) Array.Copy(source, rows[i] * width, gathered, i * width, width);
            if (kind == "norm-gelu" && batch == 1) continue; // a batch of one has no batch statistics
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
        var plan = FusedMlp.TryCompile(Model(1, "relu"))!;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => plan.TrainStep(new float[3 * 20], [0, 3], [0, 1], 2));
        Assert.Contains("outside the source's 3 rows", e.Message);
        Assert.Throws<ShapeMismatchException>(() => plan.TrainStep(new float[3 * 20], [0], [0, 1], 2));
    }
}
