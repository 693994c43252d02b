using Dendrite.Data;

namespace Dendrite.Training.Objectives;

/// <summary>Collects an evaluation batch by batch (so a large set is never held as one output matrix).</summary>
public abstract class EvaluationAccumulator
{
    /// <summary>Adds <paramref name="outputs"/> [batch.Count, outputs] of the model for <paramref name="batch"/>.</summary>
    public abstract void Add(ReadOnlySpan<float> outputs, Batch batch);

    /// <summary>The evaluation of everything added.</summary>
    public abstract Evaluation Result();
}
