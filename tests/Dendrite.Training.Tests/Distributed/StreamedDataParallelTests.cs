using System.Globalization;
using System.Text;
using Dendrite.Data;
using Dendrite.Data.Tabular;
using Dendrite.Nn;
using Dendrite.Optim;
using Dendrite.Random;
using Dendrite.Training.Distributed;

namespace Dendrite.Training.Tests.Distributed;

/// <summary>
/// Data-parallel fits on a streamed table (<see cref="FitData.TrainStream"/>): every rank runs the same chunk order and
/// shuffle buffer and keeps its shard of each global batch, so N ranks train on the one-process streamed run's batches.
/// </summary>
public sealed class StreamedDataParallelTests : IDisposable
{
    /// <summary>As for in-memory data (DataParallelTrainerTests): only the order of the gradient additions differs.</summary>
    private const float Tolerance = 1e-5f;

    private readonly string _path = Path.Combine(Path.GetTempPath(), "dendrite-streamed-dp-" + Guid.NewGuid().ToString("N") + ".csv");

    public StreamedDataParallelTests()
    {
        // 613 rows: with batches of 32 the last one has 5 rows. Chunks of ~2 KB: about a dozen chunks, shuffled.
        var rng = new Rng(1);
        var text = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 613; i++)
        {
            double a = rng.NextNormal(), b = rng.NextNormal();
            string y = a * a + b > 0.5 ? "out" : "in";
            text.Append(CultureInfo.InvariantCulture, $"{a:R},{b:R},{y}\n");
        }
        File.WriteAllText(_path, text.ToString());
    }

    public void Dispose() => File.Delete(_path);

    private float[][] Fit(IDataParallelGroup? group, TrainingEngine engine, float dropout = 0f, List<int>? rowsPerEpoch = null)
    {
        // Each rank opens and fits the file itself, as an MPI rank would.
        TabularCsvChunks chunks = TabularCsvChunks.Open(_path, new TabularCsvOptions { TargetColumn = "y" }, 2048);
        TabularStreamFit fit = chunks.Fit(_ => true);
        var stream = new StreamingTabularDataset(chunks, fit.Preprocessor, _ => true, (int)fit.TrainingRows, shuffleBufferRows: 100);
        InMemoryDataset sample = chunks.Transform(fit.Preprocessor, _ => 0, 1)[0]!.ToInMemoryDataset();
        var rng = new Rng(3);
        int width = stream.FeatureCount;
        var model = dropout > 0
            ? new Sequential(new Linear(width, 16, rng), new ReLU(), new Dropout(dropout, new Rng(11)), new Linear(16, 2, rng))
            : new Sequential(new Linear(width, 16, rng), new ReLU(), new Linear(16, 2, rng));
        var sgd = new Sgd(model.Parameters(), new SgdOptions(0.2f, Momentum: 0.9f));
        var options = new TrainerOptions(Epochs: 3, BatchSize: 32, Engine: engine) { DataParallel = group };
        IStreamingDataset source = rowsPerEpoch is null ? stream : new CountingStream(stream, rowsPerEpoch);
        new Trainer(model, sgd, options).Fit(new FitData(sample) { TrainStream = source }, new Rng(7));
        return [.. model.StateEntries().Select(e => e.Tensor.Data.ToArray())];
    }

    private static float MaxDifference(float[][] a, float[][] b) =>
        a.Zip(b).Max(p => p.First.Zip(p.Second).Max(x => MathF.Abs(x.First - x.Second)));

    [Theory]
    [InlineData(TrainingEngine.Fused, 2, 0f)]
    [InlineData(TrainingEngine.Autograd, 2, 0f)]
    [InlineData(TrainingEngine.Fused, 3, 0f)]
    [InlineData(TrainingEngine.Fused, 3, 0.3f)]
    public void StreamedRanks_MatchTheOneProcessStreamedRun(TrainingEngine engine, int ranks, float dropout)
    {
        float[][] single = Fit(null, engine, dropout);
        float[][][] parallel = ThreadGroup.Run(ranks, g => Fit(g, engine, dropout));
        foreach (float[][] rank in parallel)
            for (int i = 0; i < rank.Length; i++) Assert.Equal(parallel[0][i], rank[i]);
        float difference = MaxDifference(single, parallel[0]);
        Assert.True(difference <= Tolerance, $"max |Δw| = {difference}");
        // Repeats are bit-identical.
        float[][] again = ThreadGroup.Run(ranks, g => Fit(g, engine, dropout))[0];
        for (int i = 0; i < again.Length; i++) Assert.Equal(parallel[0][i], again[i]);
    }

    [Fact]
    public void EachRank_ReadsOnlyItsShard_OfTheStream()
    {
        // Every rank reading the whole stream would give the same weights (the gradients are normalized by the rows of
        // all ranks), only k times the work; so count the rows each rank is handed: together one epoch's rows, once.
        var counts = new List<int>[3];
        ThreadGroup.Run(3, g => Fit(g, TrainingEngine.Fused, rowsPerEpoch: counts[g.Rank] = []));
        Assert.All(counts, c => Assert.Equal(3, c.Count));
        for (int epoch = 0; epoch < 3; epoch++) Assert.Equal(613, counts.Sum(c => c[epoch]));
        // 19 batches of 32 rows split 10/11/11, and a last batch of 5 split 1/2/2.
        Assert.Equal([191, 211, 211], counts.Select(c => c[0]));
    }

    /// <summary>Passes a stream's batches through, adding up the rows of each epoch.</summary>
    private sealed class CountingStream(IStreamingDataset inner, List<int> rowsPerEpoch) : IStreamingDataset
    {
        public int Count => inner.Count;

        public int FeatureCount => inner.FeatureCount;

        public IBatchSource Batches(int batchSize, Rng shuffle, int shardIndex = 0, int shardCount = 1) =>
            new Counting(inner.Batches(batchSize, shuffle, shardIndex, shardCount), rowsPerEpoch);

        private sealed class Counting(IBatchSource source, List<int> rowsPerEpoch) : IBatchSource
        {
            public int SampleCount => source.SampleCount;

            public IEnumerator<Batch> GetEnumerator()
            {
                rowsPerEpoch.Add(0);
                foreach (Batch batch in source)
                {
                    rowsPerEpoch[^1] += batch.Count;
                    yield return batch;
                }
            }

            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        }
    }
}
