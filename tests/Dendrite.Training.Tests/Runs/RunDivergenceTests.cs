using Dendrite.Nn.Configs;
using Dendrite.Optim;
using Dendrite.TestKit;
using Dendrite.Training.Checkpoints;
using Dendrite.Training.Runs;

namespace Dendrite.Training.Tests.Runs;

/// <summary>A run that diverges leaves a folder holding only finite checkpoints, from which it can be inspected or resumed.</summary>
public class RunDivergenceTests
{
    /// <summary>Linear regression at 3× the stable step: finite for some epochs, then the loss overflows.</summary>
    private static RunConfig Exploding(int epochs) => new()
    {
        Model = new MlpSpec(0, [], 0),
        Optimizer = new OptimizerSettings(OptimizerKind.Sgd, 3f),
        Training = new TrainerOptions(Epochs: epochs, BatchSize: 16),
        Seed = 1,
    };

    private static RunData Data(RunConfig config) =>
        RunDataLoader.FromDatasets(DivergenceTests.LinearTargets(64, 1), DivergenceTests.LinearTargets(32, 2), config);

    private static void AssertFinite(Checkpoint c, string file)
    {
        Assert.All(c.State, t => Assert.True(t.Value.Data.All(float.IsFinite), $"{file}: '{t.Key}' is not finite"));
        Assert.All(c.Optimizer.Tensors, t => Assert.True(t.Value.All(float.IsFinite), $"{file}: 'optim.{t.Key}' is not finite"));
        Assert.All(c.History, h => Assert.True(double.IsFinite(h.TrainLoss), $"{file}: epoch {h.Epoch}'s loss is not finite"));
    }

    [Fact]
    public void DivergedRun_LeavesOnlyFiniteCheckpoints()
    {
        using var dir = new TempDirectory();
        using var folder = RunFolder.Create(dir.Combine("run"));
        var epochs = new List<RunEpoch>();
        var e = Assert.Throws<TrainingDivergedException>(() => RunTraining.Start(folder, Exploding(40), Data(Exploding(40)), new RunCallbacks(epochs.Add)));
        Assert.True(e.Epoch > 2, $"diverged in epoch {e.Epoch}: the test wants a few finite epochs first");
        Assert.Contains(epochs, x => x.Warning is not null); // it was warned about first

        var last = Checkpoint.Load(folder.LastPath);
        Assert.Equal(e.Epoch - 1, last.Epoch);
        AssertFinite(last, "last.safetensors");
        AssertFinite(Checkpoint.Load(folder.BestPath), "best.safetensors");
        Assert.Equal(e.Epoch - 1, epochs.Count);
        string[] metrics = File.ReadAllLines(folder.MetricsPath);
        Assert.Equal(last.Epoch + 1, metrics.Length);
        // Every written loss is a finite number (the targets are not all positive, so test_log_rmse is "nan" by design).
        Assert.All(metrics.Skip(1), l => Assert.True(double.IsFinite(double.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)), l));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp", SearchOption.AllDirectories));

        // The folder is a valid run: resuming it diverges in the same epoch again, and still writes nothing bad.
        folder.Dispose();
        using var reopened = RunFolder.Open(folder.Path);
        var again = Assert.Throws<TrainingDivergedException>(() => RunTraining.Resume(reopened, last, Exploding(40), Data(Exploding(40))));
        Assert.Equal((e.Epoch, e.Step), (again.Epoch, again.Step));
        Assert.Equal(File.ReadAllBytes(folder.LastPath), last.ToBytes());
    }
}
