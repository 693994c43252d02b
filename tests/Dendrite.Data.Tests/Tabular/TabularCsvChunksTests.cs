using System.Globalization;
using System.Text;
using Dendrite.Data.Tabular;
using Dendrite.Random;

namespace Dendrite.Data.Tests.Tabular;

public sealed class TabularCsvChunksTests : IDisposable
{
    private readonly CsvFixture _csv = new();

    public void Dispose() => _csv.Dispose();

    /// <summary>
    /// A table with what makes chunking hard: quoted fields with the delimiter and line breaks inside, missing values
    /// in several spellings, a categorical column, rows with a missing target, and an id column.
    /// </summary>
    private string Table(int rows, bool regression, int seed = 1)
    {
        var rng = new Rng((ulong)seed);
        var text = new StringBuilder("id,a,b,city,note,y\n");
        string[] cities = ["Paris", "Oslo", "\"Rome, IT\"", "\"New\nYork\"", "NA"];
        for (int i = 0; i < rows; i++)
        {
            double a = rng.NextNormal() * 3 + 1;
            string b = rng.NextInt(10) == 0 ? "" : (rng.NextNormal() * 1000).ToString("R", CultureInfo.InvariantCulture);
            string city = cities[rng.NextInt(cities.Length)];
            string note = rng.NextInt(3) == 0 ? "\"said \"\"hi\"\"\"" : "plain";
            string y = rng.NextInt(50) == 0 ? "?" : regression
                ? (Math.Exp(a / 3) + rng.NextFloat()).ToString("R", CultureInfo.InvariantCulture)
                : (a > 1 ? "yes" : rng.NextInt(2) == 0 ? "no" : "maybe");
            text.Append(CultureInfo.InvariantCulture, $"{i},{a.ToString("R", CultureInfo.InvariantCulture)},{b},{city},{note},{y}\n");
        }
        return _csv.Write(text.ToString());
    }

    private static bool IsTraining(int line) => Splits.Hashed(7, line) >= 0.25;

    private static TabularCsvOptions Options => new() { TargetColumn = "y", IdColumn = "id", SkipRowsWithMissingTarget = true };

    private static TabularPreprocessor InMemoryFit(string path, TabularPreprocessorOptions preprocessing, out TabularFrame frame)
    {
        frame = TabularCsv.Load(path, Options);
        TabularFrame f = frame;
        int[] rows = [.. Enumerable.Range(0, frame.RowCount).Where(r => IsTraining(f.LineNumbers[r]))];
        return TabularPreprocessor.Fit(frame, rows, preprocessing);
    }

    [Theory]
    [InlineData(false, 512)]
    [InlineData(true, 512)]
    [InlineData(true, 1 << 20)]
    public void StreamedFit_HasTheInMemoryFitsStatistics_BitForBit(bool regression, long chunkBytes)
    {
        string path = Table(3000, regression);
        var preprocessing = new TabularPreprocessorOptions { MissingIndicators = true, LogTarget = regression };
        TabularPreprocessor expected = InMemoryFit(path, preprocessing, out TabularFrame frame);

        TabularCsvChunks chunks = TabularCsvChunks.Open(path, Options, chunkBytes);
        TabularStreamFit streamed = chunks.Fit(IsTraining, preprocessing);

        if (chunkBytes == 512) Assert.True(chunks.ChunkCount > 50, $"{chunks.ChunkCount} chunks");
        // The JSON holds every fitted number in round-trip form: equal text means equal bits.
        Assert.Equal(expected.ToJson(), streamed.Preprocessor.ToJson());
        Assert.Equal(frame.RowCount, streamed.Rows);
        Assert.Equal(frame.SkippedLines, streamed.SkippedLines);
        Assert.Equal(frame.LineNumbers.Count(IsTraining), streamed.TrainingRows);
    }

    [Fact]
    public void ChunkedTransform_EqualsTheInMemoryTransform()
    {
        string path = Table(1500, regression: false);
        var preprocessing = new TabularPreprocessorOptions();
        TabularPreprocessor pre = InMemoryFit(path, preprocessing, out TabularFrame frame);
        TabularDataset expected = pre.Transform(frame);

        TabularDataset actual = TabularCsvChunks.Open(path, Options, 700).Transform(pre, _ => 0, 1)[0]!;

        Assert.Equal(expected.Features, actual.Features);
        Assert.Equal(expected.Labels, actual.Labels);
        Assert.Equal(expected.LineNumbers, actual.LineNumbers);
    }

    [Fact]
    public void StreamedFit_FailsLikeLoading_OnATypoInANumericColumn()
    {
        var lines = new List<string> { "a,b,y" };
        for (int i = 0; i < 200; i++) lines.Add($"{i % 7},{(i == 150 ? "1o" : i.ToString(CultureInfo.InvariantCulture))},{i % 2}");
        string path = _csv.Write([.. lines]);
        var options = new TabularCsvOptions { TargetColumn = "y" };

        var inMemory = CsvFixture.AssertError(path, 152, "b", () => TabularCsv.Load(path, options));
        var streamed = CsvFixture.AssertError(path, 152, "b", () => TabularCsvChunks.Open(path, options, 100).Fit(_ => true));

        Assert.Equal(inMemory.Message, streamed.Message);
    }

    [Fact]
    public void Open_RefusesAnUnknownTargetColumn_NamingTheHeader()
    {
        string path = _csv.Write("a,b", "1,2", "3,4");

        var e = CsvFixture.AssertError(path, 1, "z", () => TabularCsvChunks.Open(path, new TabularCsvOptions { TargetColumn = "z" }));

        Assert.Contains("available columns", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StreamingEpoch_VisitsEveryTrainingRowOnce_InAnOrderFixedByTheSeed()
    {
        string path = Table(2000, regression: true);
        var preprocessing = new TabularPreprocessorOptions { LogTarget = true };
        TabularCsvChunks chunks = TabularCsvChunks.Open(path, Options, 1000);
        TabularStreamFit fit = chunks.Fit(IsTraining, preprocessing);
        var data = new StreamingTabularDataset(chunks, fit.Preprocessor, IsTraining, (int)fit.TrainingRows, shuffleBufferRows: 300);
        TabularDataset all = chunks.Transform(fit.Preprocessor, line => IsTraining(line) ? 0 : -1, 1)[0]!;

        List<float> first = Targets(data.Batches(64, new Rng(3)));
        List<float> again = Targets(data.Batches(64, new Rng(3)));
        List<float> other = Targets(data.Batches(64, new Rng(4)));

        Assert.Equal(all.Targets!.Order(), first.Order());
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.NotEqual(all.Targets!, first); // shuffled, not in file order
    }

    [Fact]
    public void StreamingEpoch_CarriesFeaturesWithTheirTargets()
    {
        string path = Table(800, regression: true);
        var preprocessing = new TabularPreprocessorOptions { LogTarget = true };
        TabularCsvChunks chunks = TabularCsvChunks.Open(path, Options, 900);
        TabularStreamFit fit = chunks.Fit(IsTraining, preprocessing);
        var data = new StreamingTabularDataset(chunks, fit.Preprocessor, IsTraining, (int)fit.TrainingRows, shuffleBufferRows: 50);
        TabularDataset all = chunks.Transform(fit.Preprocessor, line => IsTraining(line) ? 0 : -1, 1)[0]!;
        int width = all.FeatureCount;
        var rowOf = new Dictionary<float, float[]>();
        for (int i = 0; i < all.Count; i++) rowOf[all.Targets![i]] = all.Features.AsSpan(i * width, width).ToArray();

        int seen = 0;
        foreach (Batch batch in data.Batches(32, new Rng(1)))
        {
            for (int i = 0; i < batch.Count; i++)
            {
                float target = batch.Targets!.Data[i];
                Assert.Equal(rowOf[target], batch.Features.Data.AsSpan(i * width, width).ToArray());
            }
            seen += batch.Count;
        }
        Assert.Equal(all.Count, seen);
    }

    [Theory]
    [InlineData(true, 2, 64, false)]
    [InlineData(false, 3, 7, true)]
    public void StreamingShards_PutTogether_AreTheUnshardedBatches_EveryEpoch(bool regression, int shards, int batchSize, bool emptyShard)
    {
        // Epoch 1 reads every row on every rank; later epochs preprocess only the rank's own rows (marked by a replay
        // of the draws): both must give, shard by shard, exactly the one-process batches.
        string path = Table(1500, regression);
        TabularCsvChunks chunks = TabularCsvChunks.Open(path, Options, 700);
        TabularStreamFit fit = chunks.Fit(IsTraining, new TabularPreprocessorOptions { LogTarget = regression });
        var data = new StreamingTabularDataset(chunks, fit.Preprocessor, IsTraining, (int)fit.TrainingRows, shuffleBufferRows: 200);
        Assert.True(chunks.ChunkCount > 3);
        // A short last batch: with fewer rows than shards (so some shard of it is empty), or with at least one per shard.
        while (emptyShard ? data.Count % batchSize is 0 || data.Count % batchSize >= shards : data.Count % batchSize < shards) batchSize++;
        IBatchSource whole = data.Batches(batchSize, new Rng(5));
        IBatchSource[] parts = [.. Enumerable.Range(0, shards).Select(k => data.Batches(batchSize, new Rng(5), k, shards))];
        for (int epoch = 0; epoch < 3; epoch++)
        {
            List<(float[] Features, float[] Targets, int Offset)> expected = Copies(whole);
            List<(float[] Features, float[] Targets, int Offset)>[] got = [.. parts.Select(Copies)];
            Assert.All(got, g => Assert.Equal(expected.Count, g.Count));
            for (int b = 0; b < expected.Count; b++)
            {
                Assert.Equal(expected[b].Features, got.SelectMany(g => g[b].Features));
                Assert.Equal(expected[b].Targets, got.SelectMany(g => g[b].Targets));
                int rows = expected[b].Targets.Length;
                for (int k = 0; k < shards; k++) Assert.Equal(rows * k / shards, got[k][b].Offset);
            }
        }
        // An empty shard of the last batch is still a batch, so every rank takes the step.
        if (emptyShard) Assert.Contains(parts.Select(Copies), g => g[^1].Targets.Length == 0);
    }

    private static List<(float[] Features, float[] Targets, int Offset)> Copies(IBatchSource source)
    {
        var batches = new List<(float[], float[], int)>();
        foreach (Batch batch in source)
        {
            float[] targets = batch.Targets is { } t ? t.Data.ToArray() : [.. batch.Labels.Select(l => (float)l)];
            batches.Add((batch.Features.Data.ToArray(), targets, batch.RowOffset));
        }
        return batches;
    }

    private static List<float> Targets(IBatchSource source)
    {
        var targets = new List<float>();
        foreach (Batch batch in source) targets.AddRange(batch.Targets!.Data.ToArray());
        return targets;
    }
}
