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
/// --lr-schedule step:1:0.9 --val-split 0.25 --early-stopping 5 --batch-size 16 --seed 3 --epochs 2</c>, continued to 4
/// epochs, prints what version 1 printed for epochs 3 and 4 of the same run (runA4.log) and ends with the weights a
/// fresh 4-epoch run of the same config ends with.
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
    public void Resumed_ToFourEpochs_PrintsVersionOnesEpochs_AndEndsWithAFreshRunsWeights()
    {
        using var dir = new TempDirectory();
        // A run folder holding the version-1 checkpoint as its last.safetensors.
        Directory.CreateDirectory(dir.Combine("resumed"));
        File.Copy(Epoch2, dir.Combine("resumed/last.safetensors"));
        using var folder = RunFolder.Open(dir.Combine("resumed"));
        var last = Checkpoint.Load(folder.LastPath);
        var config = last.Config! with { Training = last.Config!.Training with { Epochs = 4 } };

        var resumedEpochs = new List<RunEpoch>();
        var resumed = WithKernelThreads.Run(1, () => RunTraining.Resume(folder, last, config, Data(config), new RunCallbacks(resumedEpochs.Add)));
        Assert.Equal([3, 4], resumedEpochs.Select(e => e.Result.Epoch));
        var logged = LoggedEpochs();
        Assert.Equal(logged.Skip(2), resumedEpochs.Select(e => Printed(e.Result)));
        Assert.Equal(logged, resumed.Epochs.Select(Printed));
        Assert.Equal(3, resumed.RestoredEpoch); // as runA4.log's "restored_epoch"

        using var fresh = RunFolder.Create(dir.Combine("fresh"));
        var freshOutcome = WithKernelThreads.Run(1, () => RunTraining.Start(fresh, config, Data(config)));
        Assert.Equal(logged, freshOutcome.Epochs.Select(Printed));
        Assert.Equal(3, freshOutcome.RestoredEpoch);

        var a = Checkpoint.Load(fresh.LastPath);
        var b = Checkpoint.Load(folder.LastPath);
        Assert.Equal("2", b.FormatVersion); // the resumed run writes today's format
        // Version 1 had no batch-norm counter: the resumed run's starts at 0 with epoch 3, so it has counted the 5
        // batches of each of 2 epochs where the fresh run counted 4 epochs'. Batch norm with a momentum never reads it.
        string counter = "2.num_batches_tracked";
        Assert.Equal([20f], a.State[counter].Data);
        Assert.Equal([10f], b.State[counter].Data);
        ToolboxResumeTests.AssertSameTensors(a.State.Where(t => t.Key != counter).ToDictionary(), b.State.Where(t => t.Key != counter).ToDictionary());
        Assert.Equal(a.Rngs, b.Rngs);
        Assert.Equal(FitStateJson.Write(a.Fit!), FitStateJson.Write(b.Fit!));
        // The live models: both restored epoch 3's weights at the end.
        Assert.Equal(freshOutcome.Model.Parameters().Select(p => p.Data), resumed.Model.Parameters().Select(p => p.Data));
        Assert.Equal(Checkpoint.Load(fresh.BestPath).Epoch, Checkpoint.Load(folder.BestPath).Epoch);
    }
}
