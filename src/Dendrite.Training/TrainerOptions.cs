namespace Dendrite.Training;

/// <summary>How a <see cref="Trainer"/> runs. The random streams are passed to the calls that draw from them.</summary>
/// <param name="Epochs">Passes over the training set (&gt; 0).</param>
/// <param name="BatchSize">Training mini-batch size (&gt; 0); the last batch of an epoch may be smaller.</param>
/// <param name="EvalBatchSize">Batch size for evaluation (no gradients, so larger is fine).</param>
/// <param name="Engine">Fused plan or autograd graph; Auto picks the fused plan when the model compiles to one.</param>
public sealed record TrainerOptions(int Epochs = 10, int BatchSize = 256, int EvalBatchSize = 1000, TrainingEngine Engine = TrainingEngine.Auto)
{
    /// <summary>
    /// The ranks of a data-parallel fit (see <see cref="Distributed.IDataParallelGroup"/>), or null to train in this
    /// process alone. <see cref="BatchSize"/> stays the global batch: each rank trains on its shard of it. Not part of
    /// a run's stored config; a resumed run continues bit-identically when it has the same rank count.
    /// </summary>
    public Distributed.IDataParallelGroup? DataParallel { get; init; }

    /// <summary>Throws <see cref="DendriteException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (Epochs <= 0) throw new DendriteException($"epochs must be > 0, got {Epochs}");
        if (BatchSize <= 0) throw new DendriteException($"batch size must be > 0, got {BatchSize}");
        if (EvalBatchSize <= 0) throw new DendriteException($"eval batch size must be > 0, got {EvalBatchSize}");
        if (DataParallel is { Size: var ranks } && BatchSize < ranks)
            throw new DendriteException($"batch size {BatchSize} is smaller than the {ranks} ranks; every rank needs rows of every global batch");
    }
}
