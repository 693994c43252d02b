using Dendrite.Init;
using Dendrite.Training;

namespace Dendrite.Cli.Commands;

/// <summary>The validated options of <c>dendrite train</c>. Defaults reproduce the d2l MLP reference run.</summary>
internal sealed record TrainSettings(
    int Epochs,
    int BatchSize,
    float LearningRate,
    float WeightDecay,
    IReadOnlyList<int> Hidden,
    ActivationKind Activation,
    LinearInit Init,
    ulong Seed,
    string? DataDirectory,
    LogFormat LogFormat,
    int Threads,
    TrainingEngine Engine)
{
    public static TrainSettings D2lDefault { get; } = new(
        Epochs: 10, BatchSize: 256, LearningRate: 0.1f, WeightDecay: 0f, Hidden: [256], Activation: ActivationKind.Relu,
        Init: LinearInit.Normal(0.01f), Seed: 0, DataDirectory: null, LogFormat: LogFormat.Text,
        Threads: Environment.ProcessorCount, Engine: TrainingEngine.Auto);
}
