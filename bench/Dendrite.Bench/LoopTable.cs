using System.Globalization;
using Dendrite.Data;
using Dendrite.Kernels.Threading;
using Dendrite.Nn;
using Dendrite.Nn.Configs;
using Dendrite.Optim;
using Dendrite.Random;
using Dendrite.Training;

namespace Dendrite.Bench;

/// <summary>
/// Where an epoch of the real training loop goes (`-- loop`): on a 60000×784 random training set, batch 256, the
/// median seconds of (a) only enumerating the shuffled DataLoader (the batch gather), (b) the fused steps on one
/// fixed batch (what `-- mlp` extrapolates), and (c) Trainer.TrainEpoch over a loader that hands out dataset rows
/// without gathering them, which is the loop `dendrite train` runs.
/// </summary>
internal static class LoopTable
{
    public static void Run(ReadOnlySpan<string> args)
    {
        var rng = new Rng(1);
        InMemoryDataset train;
        if (args.Length > 0 && args[0] == "real") train = FashionMnist.Load().Train;
        else
        {
            var features = new float[60_000 * 784];
            for (int i = 0; i < features.Length; i++) features[i] = rng.NextFloat();
            var labels = new int[60_000];
            for (int i = 0; i < labels.Length; i++) labels[i] = rng.NextInt(10);
            train = new InMemoryDataset(features, 784, labels, 10);
        }
        Console.WriteLine("threads  gather s  fixed-batch steps s  TrainEpoch s  overhead s");
        foreach (int threads in new[] { 1, 2 })
        {
            KernelThreads.Count = threads;
            var loader = new DataLoader(train, 256, shuffle: true, rng: new Rng(2));
            double gather = Median(() => { foreach (Batch _ in loader) { } }, 9);
            var fixture = new MlpFixture(256);
            double steps = Median(() => { for (int i = 0; i < loader.BatchCount; i++) fixture.TrainStep(); }, 9);
            var model = args.Length > 1 && args[1] == "d2l" ? MlpSpec.D2lDefault.Build(new Rng(3))
                : new Sequential(new Flatten(), new Linear(784, 256, rng), new ReLU(), new Linear(256, 10, rng));
            var trainer = new Trainer(model, new Sgd(model.Parameters(), new SgdOptions(0.1f)), new TrainerOptions(Epochs: 1, BatchSize: 256));
            // As Trainer.Fit does for the fused plan: the step reads the batch's rows from the dataset.
            var rowsLoader = new DataLoader(train, 256, shuffle: true, rng: new Rng(2), gatherFeatures: false);
            double epoch = Median(() => trainer.TrainEpoch(rowsLoader), 9);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{threads,7}  {gather,8:F3}  {steps,19:F3}  {epoch,12:F3}  {epoch - steps,10:F3}"));
        }
    }

    /// <summary>Median seconds of <paramref name="rounds"/> runs after one warm-up run: on this shared machine the
    /// best of N picks the rare quiet window, the median what a training run sees.</summary>
    private static double Median(Action action, int rounds) => CallTimes.Sorted(action, 1, rounds)[rounds / 2] / 1e6;
}
