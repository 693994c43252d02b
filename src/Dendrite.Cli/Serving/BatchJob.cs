using Dendrite.Training.Models;

namespace Dendrite.Cli.Serving;

/// <summary>One request's rows waiting in the <see cref="MicroBatcher"/>, and where its predictions go.</summary>
internal sealed class BatchJob(float[] features, int count)
{
    /// <summary>Network input, <see cref="Count"/> rows of the model's input width.</summary>
    public float[] Features { get; } = features;

    public int Count { get; } = count;

    /// <summary>Completed on the batch loop; continuations run elsewhere so the loop goes straight on.</summary>
    public TaskCompletionSource<Prediction[]> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
