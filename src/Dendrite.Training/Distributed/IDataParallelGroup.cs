namespace Dendrite.Training.Distributed;

/// <summary>
/// The processes ("ranks") of a data-parallel fit and the few collectives it needs. Every rank holds the whole model;
/// each trains on its shard of every global batch, and the trainer sums the gradients across ranks with
/// <see cref="Sum(Span{float})"/> before the optimizer step, so the parameters stay identical everywhere. The training
/// library defines only this contract; an implementation over MPI lives in Dendrite.Distributed, so nothing else
/// needs MPI.
/// </summary>
/// <remarks>
/// Every rank must call the collectives in the same order with the same lengths. An implementation must give every
/// rank the same bits, and the same bits on every run with the same <see cref="Size"/> (a fixed reduction order).
/// A rank that fails must not leave the others waiting forever: implementations end the job (or throw on every rank)
/// within a bounded time.
/// </remarks>
public interface IDataParallelGroup
{
    /// <summary>This process's index, 0 ≤ Rank &lt; Size; rank 0 writes the run folder and reports.</summary>
    int Rank { get; }

    /// <summary>The number of ranks (≥ 1).</summary>
    int Size { get; }

    /// <summary>Replaces <paramref name="values"/> on every rank by their element-wise sum over all ranks.</summary>
    void Sum(Span<float> values);

    /// <summary>Replaces <paramref name="values"/> on every rank by their element-wise sum over all ranks.</summary>
    void Sum(Span<double> values);

    /// <summary>True on every rank when all ranks passed the same <paramref name="value"/>, false on every rank otherwise.</summary>
    bool AllEqual(ulong value);
}
