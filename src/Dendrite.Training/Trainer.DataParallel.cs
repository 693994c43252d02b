using Dendrite.Data;
using Dendrite.Nn;
using Dendrite.Training.Distributed;

namespace Dendrite.Training;

// Data-parallel training (TrainerOptions.DataParallel): the gradient reduction between backward and the optimizer
// step, the epoch's metric totals, and the replica check at each epoch's end. Without a group every hook is a no-op.
public sealed partial class Trainer
{
    private GradientAllReduce? _allReduce;
    private Dropout[] _dropouts = [];

    /// <summary>The ranks this trainer trains with, or null for a single-process fit.</summary>
    public IDataParallelGroup? DataParallel => Options.DataParallel;

    /// <summary>Throws when the model holds something a data-parallel fit cannot reproduce.</summary>
    private void CheckDataParallel()
    {
        if (DataParallel is null) return;
        // Dropout masks are keyed by one draw per step from each layer's stream and by the element's index in the
        // global batch; every rank makes the same draws, and ShardRows tells the layers where the rank's rows begin.
        _dropouts = [.. Model.Modules().OfType<Dropout>().Where(d => d.P > 0)];
        _allReduce = new GradientAllReduce(DataParallel, _parameters);
    }

    /// <summary>
    /// The batches of a fit, from the stream when there is one, else from memory: each rank reads only its shard of every
    /// global batch, all ranks in the same order.
    /// </summary>
    private IBatchSource NewLoader(FitData data, Random.Rng shuffleRng)
    {
        int rank = DataParallel?.Rank ?? 0, ranks = DataParallel?.Size ?? 1;
        // The fused step reads the batch's rows straight from the dataset, so the loader need not copy them.
        return data.TrainStream?.Batches(Options.BatchSize, shuffleRng, rank, ranks)
            ?? new DataLoader(data.Train, Options.BatchSize, shuffle: true, rng: shuffleRng, gatherFeatures: Plan is null,
                shardIndex: rank, shardCount: ranks);
    }

    /// <summary>
    /// Before a data-parallel step: the dropout layers learn where this rank's rows begin in the global batch, so each
    /// row gets the mask it gets in the one-process run. An empty shard runs no forward, so its layers skip the one
    /// key the others draw, keeping every rank's mask streams in step.
    /// </summary>
    private void ShardRows(Batch batch)
    {
        foreach (Dropout dropout in _dropouts)
        {
            if (batch.Count == 0) dropout.SkipMask();
            else dropout.RowOffset = batch.RowOffset;
        }
    }

    /// <summary>
    /// Between backward and the step: sums the ranks' gradients into the global batch's mean-loss gradients. Every rank
    /// throws the same <see cref="TrainingDivergedException"/> when any rank's loss was not finite.
    /// </summary>
    private void ReduceGradients(double localLossSum, Batch batch, int epoch, int step)
    {
        if (_allReduce is null) return;
        float normalizer = batch.Count == 0 ? 0f : Objective.LossNormalizer(batch);
        var (nonFinite, _) = _allReduce.Reduce(localLossSum, normalizer);
        if (nonFinite != 0f) throw Diverged(epoch, step, nonFinite);
    }

    /// <summary>The epoch's loss sum, correct count and rows summed over the ranks (unchanged without a group).</summary>
    private (double LossSum, long Correct, long Count) ReduceTotals(double lossSum, long correct, long count)
    {
        if (DataParallel is null) return (lossSum, correct, count);
        Span<double> totals = [lossSum, correct, count];
        DataParallel.Sum(totals);
        return (totals[0], (long)totals[1], (long)totals[2]);
    }

    /// <summary>
    /// At an epoch's end: BatchNorm running statistics, which each rank updated from its own shards, become their mean
    /// over the ranks (the running averages are linear, so this equals averaging them at every step); then every rank
    /// hashes its parameters and buffers, and all throw <see cref="ReplicaDivergenceException"/> unless the hashes agree.
    /// </summary>
    private void SyncReplicas(int epoch)
    {
        if (DataParallel is not { } group) return;
        foreach (BatchNorm1d bn in Model.Modules().OfType<BatchNorm1d>())
        {
            foreach (Tensors.Tensor stat in new[] { bn.RunningMean, bn.RunningVar })
            {
                group.Sum(stat.Data);
                for (int i = 0; i < stat.Data.Length; i++) stat.Data[i] /= group.Size;
            }
        }
        ulong hash = StateHash(Model);
        if (!group.AllEqual(hash)) throw new ReplicaDivergenceException(epoch, group.Rank, hash);
    }

    /// <summary>FNV-1a over the bits of every parameter and buffer: cheap, and any differing bit changes it.</summary>
    internal static ulong StateHash(Module model)
    {
        ulong hash = 14695981039346656037UL;
        foreach (StateEntry entry in model.StateEntries())
        {
            foreach (float value in entry.Tensor.Data)
                hash = (hash ^ BitConverter.SingleToUInt32Bits(value)) * 1099511628211UL;
        }
        return hash;
    }
}
