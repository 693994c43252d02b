using Dendrite.Data;
using Dendrite.Nn;
using Dendrite.Nn.Configs;
using Dendrite.Optim;
using Dendrite.Random;
using Dendrite.TestKit.Fuzzing;
using Dendrite.Training.Checkpoints;
using Dendrite.Training.Models;
using Dendrite.Training.Policy;
using Dendrite.Training.Runs;

namespace Dendrite.Training.Tests.Fuzz;

/// <summary>
/// Mutated checkpoints of a run with every kind of training state (Adam moments, dropout streams, early stopping's
/// best weights, a schedule, the run config, the history): each one either loads and builds its model or fails with
/// a one-line <see cref="DendriteException"/>, within a bounded allocation. The model-file fuzzer
/// (Dendrite.Formats.Tests) covers the safetensors layer; this one reaches the JSON metadata a checkpoint adds.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class CheckpointFuzzTests
{
    private static readonly string[] Tokens =
    [
        "\"", "\\", "{", "}", "[", "]", ",", ":", "null", "true", "false", "-1", "0", "1e400", "NaN", "\"NaN\"", "\"-Infinity\"",
        "\"classification\"", "\"regression\"", "\"image\"", "\"table\"", "\"features\"", "\"kind\"", "\"schema_version\"",
        "\"optimizer\"", "\"lr\"", "\"step\"", "\"best\"", "\"early_stopping\"", "\"hidden\"", "2147483647", "65536",
        "\"sgd\"", "\"adam\"", "\"relu\"", "\"swiglu\"", "\"epoch\"", "\"s\"", "\"18446744073709551615\"", "\u00e9", "\\ud800",
    ];

    private static byte[] Seed()
    {
        var rng = new Rng(5);
        var config = RunConfig.D2lDefault with
        {
            Model = new MlpSpec(0, [6], 0, "gelu", null, 0.2f, true),
            Optimizer = new OptimizerSettings(OptimizerKind.Adam),
            Policy = new TrainingPolicy(LrScheduleSpec.Parse("step:1:0.5"), ValidationFraction: 0.25, EarlyStopping: new EarlyStoppingSpec(3)),
        };
        var features = new float[40 * 4];
        var labels = new int[40];
        for (int i = 0; i < labels.Length; i++)
        {
            for (int j = 0; j < 4; j++) features[(i * 4) + j] = rng.NextFloat();
            labels[i] = features[i * 4] > 0.5f ? 1 : 0;
        }
        var train = new InMemoryDataset(features, 4, labels, 2);
        RunData data = RunDataLoader.FromDatasets(train, train, config with { Training = new TrainerOptions(Epochs: 2, BatchSize: 8) });
        var seeds = new RunSeeds(config.Seed);
        Sequential model = RunTraining.BuildModel(config, data, seeds.Init, seeds.Dropout);
        IOptimizer optimizer = RunTraining.CreateOptimizer(model, config.Optimizer);
        var trainer = new Trainer(model, optimizer, new TrainerOptions(Epochs: 2, BatchSize: 8), config.Policy);
        Checkpoint? last = null;
        foreach (FitEpoch e in trainer.Run(data.Fit, seeds.Shuffle))
            last = Checkpoint.Capture(model, data.Info, e.Result.Epoch, optimizer,
                new Dictionary<string, RngState> { [Checkpoint.ShuffleRng] = seeds.Shuffle.GetState() }, e.History, config, trainer.ExportFitState());
        return last!.ToBytes();
    }

    [Fact]
    public void MutatedCheckpoints_LoadOrFailWithADendriteException()
    {
        byte[] seed = Seed();
        var mutator = new Mutator(Tokens);
        FuzzRun.Check("checkpoint", FuzzRun.Iterations(6_000),
            rng => mutator.Mutate(rng, seed),
            mutant =>
            {
                Checkpoint checkpoint = Checkpoint.Read(mutant, "fuzz");
                var model = new TrainedModel(checkpoint.BuildModel(), checkpoint.Info);
                var predictor = new Predictor(model);
                _ = predictor.Outputs(new float[predictor.InputWidth * 3], 3);
            },
            checkError: (_, e) => e.Message.Contains('\n', StringComparison.Ordinal) ? "message spans lines" : null);
    }
}
