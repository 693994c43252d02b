using System.Globalization;
using System.Text.Json;
using Dendrite.Data;
using Dendrite.Init;
using Dendrite.Nn.Configs;
using Dendrite.Optim;
using Dendrite.TestKit;
using Dendrite.Training.Checkpoints;
using Dendrite.Training.Objectives;
using Dendrite.Training.Policy;
using Dendrite.Training.Runs;

namespace Dendrite.Training.Tests.Runs;

/// <summary>
/// A run folder written by version 1 (tests/Fixtures/v1, see its README) resumes with today's code: the epoch-2
/// checkpoint of <c>train --data idx --hidden 16 --activation gelu --batchnorm --dropout 0.1 --optimizer adam
/// --lr-schedule step:1:0.9 --val-split 0.25 --early-stopping 5 --batch-size 16 --seed 3 --epochs 2</c> keeps the
/// history version 1 printed (runA4.log) and continues exactly. Until the dropout masks became counter-based
/// (issue 21) it also printed version 1's epochs 3 and 4; with dropout in the run those now differ.
/// </summary>
public class V1RunResumeTests
{
    private static readonly string Epoch2 = Fixtures.Path("v1/image-run-epoch2.safetensors");

    /// <summary>The run's data: the fixture's idx folder (the config names the folder it was written from).</summary>
    private static RunData Data(RunConfig config) => RunDataLoader.FromImages(FashionMnist.Load(Fixtures.Path("v1/idx")), config);

    /// <summary>runA4.log's epoch lines: train loss (6 significant digits) and the accuracies (4 decimals).</summary>
    private static List<(int Epoch, double Loss, double TrainAcc, double TestAcc, double ValAcc)> LoggedEpochs()
    {
        var result = new List<(int, double, double, double, double)>();
        foreach (string line in File.ReadLines(Fixtures.Path("v1/runA4.log")).Where(l => l.StartsWith("{\"event\":\"epoch\"", StringComparison.Ordinal)))
        {
            using var doc = JsonDocument.Parse(line);
            JsonElement e = doc.RootElement;
            result.Add((e.GetProperty("epoch").GetInt32(), e.GetProperty("train_loss").GetDouble(), e.GetProperty("train_acc").GetDouble(),
                e.GetProperty("test_acc").GetDouble(), e.GetProperty("val_acc").GetDouble()));
        }
        return result;
    }

    /// <summary>An epoch as version 1's JSON log printed it.</summary>
    private static (int, double, double, double, double) Printed(EpochResult r) =>
        (r.Epoch, double.Parse(r.TrainLoss.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            Math.Round(r.TrainAccuracy, 4), Math.Round(r.TestAccuracy, 4), Math.Round(r.ValidationAccuracy!.Value, 4));

    [Fact]
    public void TheCheckpointsConfig_IsVersionOnesOptions()
    {
        var last = Checkpoint.Load(Epoch2);
        Assert.Equal("1", last.FormatVersion);
        Assert.Equal(2, last.Epoch);
        var expected = new RunConfig
        {
            Data = new FashionMnistSource("/tmp/fx/idx"),
            Model = new MlpSpec(0, [16], 0, "gelu", LinearInit.Normal(0.01f), 0.1f, BatchNorm: true),
            Objective = new ObjectiveSpec(),
            Optimizer = new OptimizerSettings(OptimizerKind.Adam),
            Policy = new TrainingPolicy(new LrScheduleSpec(LrScheduleKind.Step, StepSize: 1, Gamma: 0.9f), ValidationFraction: 0.25,
                EarlyStopping: new EarlyStoppingSpec(5)),
            Training = new TrainerOptions(Epochs: 2, BatchSize: 16),
            Seed = 3,
        };
        RunConfigAssert.Same(expected, last.Config!);
        // The history it holds is the first two epochs of runA4.log.
        Assert.Equal(LoggedEpochs().Take(2), last.History.Select(Printed));
        Assert.NotNull(last.Fit);
        Assert.Equal(2, last.Fit.EarlyStopping!.BestEpoch);
    }

    [Fact]
    public void Resumed_ToFourEpochs_KeepsVersionOnesHistory_AndEqualsResumingInTwoLegs()
    {
        // runA4.log's epochs 3 and 4 were drawn with version 1's per-element dropout masks; the counter-based masks
        // of issue 21 replaced them, so today's continuation differs from them. What must hold: the checkpoint
        // loads, its history is kept, and continuing it is exact: 2→4 in one go equals 2→3 then 3→4.
        using var dir = new TempDirectory();
        foreach (string name in new[] { "direct", "legs" })
        {
            Directory.CreateDirectory(dir.Combine(name));
            File.Copy(Epoch2, dir.Combine(name + "/last.safetensors"));
        }
        using var direct = RunFolder.Open(dir.Combine("direct"));
        var last = Checkpoint.Load(direct.LastPath);
        var config = last.Config! with { Training = last.Config!.Training with { Epochs = 4 } };

        var directEpochs = new List<RunEpoch>();
        var resumed = WithKernelThreads.Run(1, () => RunTraining.Resume(direct, last, config, Data(config), new RunCallbacks(directEpochs.Add)));
        Assert.Equal([3, 4], directEpochs.Select(e => e.Result.Epoch));
        var logged = LoggedEpochs();
        Assert.Equal(logged.Take(2), resumed.Epochs.Take(2).Select(Printed));

        using var legs = RunFolder.Open(dir.Combine("legs"));
        var three = config with { Training = config.Training with { Epochs = 3 } };
        WithKernelThreads.Run(2, () => RunTraining.Resume(legs, Checkpoint.Load(legs.LastPath), three, Data(three)));
        var legEpochs = new List<RunEpoch>();
        var twoLegs = WithKernelThreads.Run(2, () => RunTraining.Resume(legs, Checkpoint.Load(legs.LastPath), config, Data(config), new RunCallbacks(legEpochs.Add)));
        Assert.Equal([4], legEpochs.Select(e => e.Result.Epoch));
        Assert.Equal(resumed.Epochs.Select(Printed), twoLegs.Epochs.Select(Printed));

        var a = Checkpoint.Load(legs.LastPath);
        var b = Checkpoint.Load(direct.LastPath);
        Assert.Equal("2", b.FormatVersion); // the resumed run writes today's format
        ToolboxResumeTests.AssertSameTensors(a.State, b.State);
        Assert.Equal(a.Rngs, b.Rngs);
        Assert.Equal(FitStateJson.Write(a.Fit!), FitStateJson.Write(b.Fit!));
        Assert.Equal(twoLegs.Model.Parameters().Select(p => p.Data), resumed.Model.Parameters().Select(p => p.Data));
        Assert.Equal(Checkpoint.Load(legs.BestPath).Epoch, Checkpoint.Load(direct.BestPath).Epoch);
    }
}
