using System.Text;
using Dendrite.Data.Idx;
using Dendrite.Data.Tabular;
using Dendrite.Data.Tests.Idx;
using Dendrite.Data.Tests.Tabular;
using Dendrite.TestKit;
using Dendrite.TestKit.Fuzzing;

namespace Dendrite.Data.Tests.Fuzz;

/// <summary>
/// Mutated IDX (raw and gzipped), CSV and preprocessing-metadata inputs: every one either loads or fails with a
/// <see cref="DendriteException"/> whose message is one line of bounded length, within a bounded allocation; what
/// loads yields only finite features and targets. The iteration counts keep the class to ~10 s on 2 cores; see
/// <see cref="FuzzRun"/> (and this project's README) for a longer run.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class DataReaderFuzzTests : IDisposable
{
    private readonly TempDirectory _dir = new("dendrite-fuzz-data-");

    public void Dispose() => _dir.Dispose();

    /// <summary>One line, and short once the file path is left out: echoed input is clipped.</summary>
    private static string? OneShortLine(string path, DendriteException e)
    {
        if (e.Message.Contains('\n', StringComparison.Ordinal) || e.Message.Contains('\r', StringComparison.Ordinal)) return "message spans lines";
        int length = path.Length == 0 ? e.Message.Length : e.Message.Replace(path, "", StringComparison.Ordinal).Length;
        return length > 400 ? $"message of {length} characters besides the path" : null;
    }

    private static readonly byte[][] IdxSeeds =
    [
        IdxBytes.Build([3, 4, 5], IdxBytes.Ramp(60)),
        IdxBytes.Build([10], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
        IdxBytes.Build([2, 1, 3, 2], IdxBytes.Ramp(12)),
    ];

    /// <summary>An IDX header edit: a dimension (or the magic) overwritten with an extreme big-endian integer.</summary>
    private static byte[] IdxHeaderEdit(System.Random rng, byte[] b)
    {
        int rank = b.Length > 3 ? b[3] : 0;
        int field = rng.Next(Math.Max(1, rank) + 1);
        return field == 0 && b.Length > 3
            ? [.. b[..3], (byte)rng.Next(256), .. b[4..]] // the rank byte
            : Mutator.OverwriteInteger(rng, b, 4 * field, 4, bigEndian: true);
    }

    [Fact]
    public void IdxReader_MutatedRawAndGzippedFiles_LoadOrFailWithADendriteException()
    {
        var mutator = new Mutator([], IdxHeaderEdit);
        string path = _dir.Combine("fuzz.idx");
        string labels = _dir.Combine("labels.idx");
        File.WriteAllBytes(labels, IdxBytes.Build([3], [0, 1, 2]));
        IdxFile labelFile = IdxReader.Read(labels);

        FuzzRun.Check("idx", FuzzRun.Iterations(6000),
            rng =>
            {
                byte[] seed = IdxSeeds[rng.Next(IdxSeeds.Length)];
                return rng.Next(3) switch
                {
                    0 => mutator.Mutate(rng, seed),                    // raw, any damage
                    1 => IdxBytes.Gzip(mutator.Mutate(rng, seed)),     // a valid gzip stream of a hostile IDX file
                    _ => mutator.Mutate(rng, IdxBytes.Gzip(seed)),     // a damaged gzip stream
                };
            },
            mutant =>
            {
                File.WriteAllBytes(path, mutant);
                IdxFile file = IdxReader.Read(path);
                if (file.Rank == 3) IdxDataset.FromImagesAndLabels(file, labelFile, classCount: 10);
            },
            checkError: (_, e) => OneShortLine(path, e));
    }

    private static readonly string[] CsvSeeds =
    [
        "id,area,rooms,city,y\n1,52.5,2,Lyon,150000\n2,80,3,Paris,320000\n3,NA,1,Lyon,90000\n4,120.25,4,Nice,410000\n5,65,,Paris,250000\n",
        "x1;x2;label\n1.5;0.25;cat\n2.5;-1e3;dog\n3.5;7;cat\n4.5;0;bird\n",
        "\"a, quoted\",b,y\n\"1\",\"x \"\"y\"\"\",0\n2,z,1\n3,\"multi\nline\",0\n4,w,1\n",
        "f\ty\n0.1\t1\n0.2\t2\n0.3\t3\n0.4\t5\n",
    ];

    private static readonly string[] CsvTokens =
        ["\"", ",", ";", "\t", "|", "\n", "\r\n", "\0", "NaN", "NA", "1e400", "1e300", "-1e300", "1,5", "?", "  ", "\uFEFF", "\u00e9", "\xff"];

    [Fact]
    public void TabularCsv_MutatedFiles_LoadFitAndTransformToFiniteNumbers_OrFailWithADendriteException()
    {
        var mutator = new Mutator(CsvTokens);
        string path = _dir.Combine("fuzz.csv");
        TabularCsvOptions[] options =
        [
            new() { TargetColumn = "y" },
            new() { TargetColumn = "label", SkipRowsWithMissingTarget = true },
            new() { TargetColumn = "y", Task = TaskKind.Regression },
            new(),
        ];
        TabularPreprocessorOptions[] fitOptions =
        [
            new(),
            new() { MissingIndicators = true, DropConstantColumns = true },
            new() { StandardizeTarget = false },
        ];

        FuzzRun.Check("csv", FuzzRun.Iterations(5000),
            rng =>
            {
                byte[] mutant = mutator.Mutate(rng, Encoding.UTF8.GetBytes(CsvSeeds[rng.Next(CsvSeeds.Length)]));
                // The first byte picks the options, so a saved failing input replays by itself.
                return [(byte)rng.Next(256), .. mutant];
            },
            mutant =>
            {
                File.WriteAllBytes(path, mutant[1..]);
                TabularFrame frame = TabularCsv.Load(path, options[mutant[0] % options.Length]);
                TabularPreprocessor pre = TabularPreprocessor.Fit(frame, fitOptions[mutant[0] / 4 % fitOptions.Length]);
                AssertFinite(pre.Transform(frame));
                AssertFinite(TabularPreprocessor.FromJson(pre.ToJson()).Transform(frame));
            },
            checkError: (_, e) => OneShortLine(path, e));
    }

    [Fact]
    public void TabularPreprocessor_MutatedMetadata_RestoresOrFailsWithADendriteException()
    {
        CsvFixture csv = new();
        try
        {
            string[] lines = ["a,b,c,y,k", "1,x,0.5,2.5,cat", "2,y,,3.5,dog", "3,x,1.5,1.5,cat", "4,z,2.5,4.5,bird"];
            TabularFrame regression = csv.Load(new TabularCsvOptions { TargetColumn = "y" }, lines);
            TabularFrame classification = csv.Load(new TabularCsvOptions { TargetColumn = "k" }, lines);
            byte[][] seeds =
            [
                Encoding.UTF8.GetBytes(TabularPreprocessor.Fit(regression, new TabularPreprocessorOptions { MissingIndicators = true }).ToJson()),
                Encoding.UTF8.GetBytes(TabularPreprocessor.Fit(classification).ToJson()),
            ];
            var mutator = new Mutator(["\"", "{", "}", "[", "]", ",", ":", "null", "-1", "1e400", "\"Numeric\"", "\"Categorical\"", "\"cat\"", "2"]);

            FuzzRun.Check("preprocessor-json", FuzzRun.Iterations(5000),
                rng =>
                {
                    int which = rng.Next(seeds.Length);
                    return [(byte)which, .. mutator.Mutate(rng, seeds[which])];
                },
                mutant =>
                {
                    TabularPreprocessor restored = TabularPreprocessor.FromJson(Encoding.UTF8.GetString(mutant.AsSpan(1)));
                    AssertFinite(restored.Transform(mutant[0] == 0 ? regression : classification));
                    restored.ConfigureLoading(new TabularCsvOptions()); // as the CLI does before loading a prediction file
                },
                checkError: (_, e) => OneShortLine("", e));
        }
        finally
        {
            csv.Dispose();
        }
    }

    private static void AssertFinite(TabularDataset data)
    {
        for (int i = 0; i < data.Features.Length; i++)
            if (!float.IsFinite(data.Features[i]))
                Assert.Fail($"feature {data.FeatureNames[i % data.FeatureCount]} of row {i / data.FeatureCount} is {data.Features[i]}");
        if (data.Targets is { } targets)
            for (int i = 0; i < targets.Length; i++)
                if (!float.IsFinite(targets[i])) Assert.Fail($"target of row {i} is {targets[i]}");
    }
}
