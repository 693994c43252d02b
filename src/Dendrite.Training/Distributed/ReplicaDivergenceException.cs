namespace Dendrite.Training.Distributed;

/// <summary>
/// The ranks of a data-parallel fit no longer hold the same parameters and buffers (checked by hash after every
/// epoch). This is a bug or a broken reduction, never an expected outcome; every rank throws it at the same point.
/// </summary>
public sealed class ReplicaDivergenceException : DendriteException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ReplicaDivergenceException() { }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ReplicaDivergenceException(string message) : base(message) { }

    /// <summary>Creates the exception with <paramref name="message"/> and the error that caused it.</summary>
    public ReplicaDivergenceException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Describes differing replicas after <paramref name="epoch"/>, as seen by <paramref name="rank"/>.</summary>
    public ReplicaDivergenceException(int epoch, int rank, ulong hash)
        : base($"the ranks' parameters differ after epoch {epoch} (rank {rank} hashes to {hash:x16}); the gradient reduction did not give every rank the same bits")
    {
        Epoch = epoch;
    }

    /// <summary>The epoch after which the replicas differed.</summary>
    public int Epoch { get; }
}
