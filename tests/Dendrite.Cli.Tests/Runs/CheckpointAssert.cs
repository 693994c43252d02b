using Dendrite.Training.Checkpoints;

namespace Dendrite.Cli.Tests.Runs;

/// <summary>Bit-for-bit comparisons of checkpoints, for the resume tests.</summary>
internal static class CheckpointAssert
{
    /// <summary>The same state dict (parameters and buffers, same names, same bits) and the same random streams.</summary>
    public static void SameState(Checkpoint expected, Checkpoint actual)
    {
        Assert.Equal(expected.Epoch, actual.Epoch);
        Assert.Equal(expected.State.Keys.Order(StringComparer.Ordinal), actual.State.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, t) in expected.State)
        {
            Assert.Equal(t.ShapeArray, actual.State[name].ShapeArray);
            Assert.True(t.Data.AsSpan().SequenceEqual(actual.State[name].Data), $"tensor '{name}' differs");
        }
        Assert.Equal(expected.Rngs, actual.Rngs);
    }
}
