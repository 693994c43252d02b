using Dendrite.Random;

namespace Dendrite.Training;

/// <summary>
/// The independent random streams of one run, all forked in a fixed order from a master <c>Rng(seed)</c>,
/// so a seed reproduces the run bit for bit. New streams must be forked after the existing ones so old seeds
/// keep giving the same initialization and order.
/// </summary>
public sealed class RunSeeds
{
    /// <summary>Forks the run's streams from <c>Rng(<paramref name="seed"/>)</c>.</summary>
    public RunSeeds(ulong seed)
    {
        Seed = seed;
        var master = new Rng(seed);
        Init = master.Fork();
        Shuffle = master.Fork();
        Dropout = master.Fork();
        Split = master.Fork();
    }

    /// <summary>The seed the streams were forked from (--seed).</summary>
    public ulong Seed { get; }

    /// <summary>Parameter initialization.</summary>
    public Rng Init { get; }

    /// <summary>Mini-batch order of the training set.</summary>
    public Rng Shuffle { get; }

    /// <summary>Dropout masks (each Dropout layer forks its own stream from it).</summary>
    public Rng Dropout { get; }

    /// <summary>The train/validation split of <c>--val-split</c>.</summary>
    public Rng Split { get; }
}
