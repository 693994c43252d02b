namespace Dendrite.Training;

/// <summary>How a <see cref="Trainer"/> runs.</summary>
/// <param name="Epochs">Passes over the training set (&gt; 0).</param>
/// <param name="BatchSize">Training mini-batch size (&gt; 0); the last batch of an epoch may be smaller.</param>
/// <param name="Seed">Master seed; see <see cref="RunSeeds"/> for the streams derived from it.</param>
/// <param name="EvalBatchSize">Batch size for evaluation (no gradients, so larger is fine).</param>
/// <param name="Engine">Fused plan or autograd graph; Auto picks the fused plan when the model compiles to one.</param>
public sealed record TrainerOptions(int Epochs = 10, int BatchSize = 256, ulong Seed = 0, int EvalBatchSize = 1000,
    TrainingEngine Engine = TrainingEngine.Auto)
{
    internal void Validate()
    {
        if (Epochs <= 0) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "epochs must be > 0");
        if (BatchSize <= 0) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "batch size must be > 0");
        if (EvalBatchSize <= 0) throw new ArgumentOutOfRangeException(nameof(EvalBatchSize), EvalBatchSize, "eval batch size must be > 0");
    }
}
