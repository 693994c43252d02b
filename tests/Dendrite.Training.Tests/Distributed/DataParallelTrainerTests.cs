using Dendrite.Data;
using Dendrite.Nn;
using Dendrite.Optim;
using Dendrite.Random;
using Dendrite.Training.Distributed;
using Dendrite.Training.Objectives;

namespace Dendrite.Training.Tests.Distributed;

/// <summary>
/// Data-parallel fits (TrainerOptions.DataParallel) on in-process ranks: the same result as one process at the same
/// global batch, up to float rounding, dropout included; bit-identical repeats; BatchNorm statistics kept equal on every rank.
/// </summary>
public class DataParallelTrainerTests
{
    /// <summary>
    /// The stated tolerance: after 3 epochs every parameter is within this of the one-process run. Only the order of the
    /// float additions of the gradients differs (each rank sums its rows, then the ranks' sums are added), about 1e-7
    /// relative per step; SGD with momentum carries it along, so a few ulps of the weights' scale.
    /// </summary>
    private const float Tolerance = 1e-5f;

    private sealed record Outcome(float[][] State, IReadOnlyList<EpochResult> History);

    private static Outcome Fit(IDataParallelGroup? group, TrainingEngine engine, bool batchNorm = false, int count = 203, int batchSize = 16,
        Objective? objective = null, Action<Sequential>? before = null, float dropout = 0f)
    {
        InMemoryDataset train = BandData.Create(count, 1), test = BandData.Create(50, 2);
        var rng = new Rng(3);
        Module[] layers = batchNorm
            ? [new Linear(2, 16, rng), new BatchNorm1d(16), new ReLU(), new Linear(16, 2, rng)]
            : dropout > 0
                ? [new Linear(2, 16, rng), new ReLU(), new Dropout(dropout, new Rng(11)), new Linear(16, 16, rng), new ReLU(),
                    new Dropout(dropout, new Rng(12)), new Linear(16, 2, rng)]
                : [new Linear(2, 16, rng), new ReLU(), new Linear(16, 2, rng)];
        var model = new Sequential(layers);
        before?.Invoke(model);
        var sgd = new Sgd(model.Parameters(), new SgdOptions(0.2f, Momentum: 0.9f));
        var options = new TrainerOptions(Epochs: 3, BatchSize: batchSize, Engine: engine) { DataParallel = group };
        var trainer = new Trainer(model, sgd, options, objective: objective);
        IReadOnlyList<EpochResult> history = trainer.Fit(train, test, new Rng(7));
        return new Outcome([.. model.StateEntries().Select(e => e.Tensor.Data.ToArray())], history);
    }

    private static float MaxDifference(Outcome a, Outcome b) =>
        a.State.Zip(b.State).Max(p => p.First.Zip(p.Second).Max(x => MathF.Abs(x.First - x.Second)));

    private static void AssertBitIdentical(Outcome a, Outcome b)
    {
        for (int i = 0; i < a.State.Length; i++) Assert.Equal(a.State[i], b.State[i]);
    }

    [Theory]
    [InlineData(TrainingEngine.Fused, 2)]
    [InlineData(TrainingEngine.Autograd, 2)]
    [InlineData(TrainingEngine.Fused, 3)]
    public void Ranks_MatchOneProcess_AtTheSameGlobalBatch(TrainingEngine engine, int ranks)
    {
        Outcome single = Fit(null, engine);
        Outcome[] parallel = ThreadGroup.Run(ranks, g => Fit(g, engine));
        foreach (Outcome rank in parallel) AssertBitIdentical(parallel[0], rank);
        float difference = MaxDifference(single, parallel[0]);
        Assert.True(difference <= Tolerance, $"max |Δw| = {difference}");
        Assert.True(difference > 0 || ranks == 2, "3 ranks add in another order, so some bits should differ");
        // The epoch metrics are reduced over the ranks: every rank reports the whole job's loss and accuracy.
        for (int e = 0; e < 3; e++)
        {
            Assert.Equal(single.History[e].TrainLoss, parallel[0].History[e].TrainLoss, 5);
            Assert.Equal(single.History[e].TrainAccuracy, parallel[0].History[e].TrainAccuracy, 6);
            Assert.Equal(parallel[0].History[e].TrainLoss, parallel[^1].History[e].TrainLoss);
        }
    }

    [Fact]
    public void EmptyShards_OfAShortLastBatch_StillMatchOneProcess()
    {
        // 202 rows in batches of 8 end with a 2-row batch: of 3 ranks, rank 0 gets no row of it.
        Outcome single = Fit(null, TrainingEngine.Fused, count: 202, batchSize: 8);
        Outcome[] parallel = ThreadGroup.Run(3, g => Fit(g, TrainingEngine.Fused, count: 202, batchSize: 8));
        Assert.True(MaxDifference(single, parallel[0]) <= Tolerance);
        AssertBitIdentical(parallel[0], parallel[2]);
    }

    [Fact]
    public void ClassWeightedLoss_IsAveragedOverTheGlobalBatchWeights()
    {
        var objective = new ClassificationObjective([1f, 3f]);
        Outcome single = Fit(null, TrainingEngine.Fused, objective: objective);
        Outcome[] parallel = ThreadGroup.Run(2, g => Fit(g, TrainingEngine.Fused, objective: objective));
        float difference = MaxDifference(single, parallel[0]);
        Assert.True(difference <= Tolerance, $"max |Δw| = {difference}");
    }

    [Fact]
    public void RepeatedRuns_WithTheSameRankCount_AreBitIdentical()
    {
        Outcome[] first = ThreadGroup.Run(2, g => Fit(g, TrainingEngine.Fused));
        Outcome[] second = ThreadGroup.Run(2, g => Fit(g, TrainingEngine.Fused));
        AssertBitIdentical(first[0], second[0]);
        Assert.Equal(first[0].History.Select(h => h.TrainLoss), second[0].History.Select(h => h.TrainLoss));
    }

    [Theory]
    [InlineData(TrainingEngine.Fused)]
    [InlineData(TrainingEngine.Autograd)]
    public void BatchNorm_NormalizesPerRank_AndAveragesRunningStatistics(TrainingEngine engine)
    {
        Outcome single = Fit(null, engine, batchNorm: true);
        Outcome[] parallel = ThreadGroup.Run(2, g => Fit(g, engine, batchNorm: true));
        // Running statistics are averaged after every epoch, so the replicas (buffers included) stay identical…
        AssertBitIdentical(parallel[0], parallel[1]);
        // …but each rank normalizes with its own shard's batch statistics (as PyTorch DDP does without SyncBatchNorm),
        // so the run is not the one-process run: documented, and pinned here.
        Assert.True(MaxDifference(single, parallel[0]) > 100 * Tolerance);
        AssertBitIdentical(parallel[0], ThreadGroup.Run(2, g => Fit(g, engine, batchNorm: true))[0]);
    }

    [Fact]
    public void ReplicasThatDrifted_StopEveryRank()
    {
        var error = Assert.Throws<AggregateException>(() => ThreadGroup.Run(2, g =>
        {
            Sequential? model = null;
            if (g.Rank == 1) g.BeforeHashCheck = () => model!.Parameters().First().Data[0] += 1e-3f;
            return Fit(g, TrainingEngine.Fused, before: m => model = m);
        }));
        // Rank 1's weight changes after epoch 1 was hashed, so epoch 2's check is the first to see it, on both ranks.
        Assert.Equal(2, error.InnerExceptions.Count);
        Assert.All(error.InnerExceptions, e => Assert.Equal(2, Assert.IsType<ReplicaDivergenceException>(e).Epoch));
        Assert.Contains("parameters differ after epoch 2", error.InnerExceptions[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TrainingEngine.Fused, 2)]
    [InlineData(TrainingEngine.Autograd, 2)]
    [InlineData(TrainingEngine.Fused, 3)]
    public void Dropout_Ranks_MatchOneProcess_RowByRow(TrainingEngine engine, int ranks)
    {
        // Each rank keys its rows' masks by their index in the global batch, so every row is dropped as in one process.
        Outcome single = Fit(null, engine, dropout: 0.5f);
        Outcome[] parallel = ThreadGroup.Run(ranks, g => Fit(g, engine, dropout: 0.5f));
        foreach (Outcome rank in parallel) AssertBitIdentical(parallel[0], rank);
        float difference = MaxDifference(single, parallel[0]);
        Assert.True(difference <= Tolerance, $"max |Δw| = {difference}");
        // The test can fail: dropout at p = 0.5 moves the weights far from the run without it.
        Assert.True(MaxDifference(single, Fit(null, engine)) > 1000 * Tolerance);
        AssertBitIdentical(parallel[0], ThreadGroup.Run(ranks, g => Fit(g, engine, dropout: 0.5f))[0]);
    }

    [Fact]
    public void Dropout_WithEmptyShards_KeepsEveryRanksMasksInStep()
    {
        // 202 rows in batches of 8 end with a 2-row batch: rank 0 of 3 runs no forward there but must skip the key the
        // others draw, or its masks in the next epoch would differ from theirs (the replica check would stop the fit).
        Outcome single = Fit(null, TrainingEngine.Fused, count: 202, batchSize: 8, dropout: 0.3f);
        Outcome[] parallel = ThreadGroup.Run(3, g => Fit(g, TrainingEngine.Fused, count: 202, batchSize: 8, dropout: 0.3f));
        float difference = MaxDifference(single, parallel[0]);
        // 78 steps on 8-row batches with dropout amplify the rounding differences more than the runs above (8e-6 on
        // AVX-512, 1.8e-5 on the Vector128 path), hence 10× the tolerance; a rank whose masks fell out of step (no skipped
        // key) ends about 2.5 away.
        Assert.True(difference <= 10 * Tolerance, $"max |Δw| = {difference}");
    }

    [Fact]
    public void GlobalBatch_SmallerThanTheRankCount_IsRefused()
    {
        var options = new TrainerOptions(BatchSize: 2) { DataParallel = new ThreadGroup(0, new ThreadGroup.Shared(3)) };
        Assert.Contains("smaller than the 3 ranks", Assert.Throws<DendriteException>(options.Validate).Message, StringComparison.Ordinal);
    }
}
