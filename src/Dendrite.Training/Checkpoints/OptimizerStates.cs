using Dendrite.Optim;

namespace Dendrite.Training.Checkpoints;

/// <summary>
/// The one place that knows how to take state out of an optimizer and put it back. Plain SGD is stateless; when
/// optimizers with state (momentum, Adam) gain ExportState/ImportState, they are wired in here and checkpoints
/// carry their state without any other change.
/// </summary>
public static class OptimizerStates
{
    /// <summary>The state of <paramref name="optimizer"/> at this moment (copies, safe to keep).</summary>
    public static OptimizerState Export(IOptimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        return optimizer switch
        {
            Sgd => OptimizerState.Empty,
            _ => throw new NotSupportedException(
                $"checkpoints do not know how to save the state of {optimizer.GetType().Name}; wire it into OptimizerStates"),
        };
    }

    /// <summary>Restores a state returned by <see cref="Export"/> into an optimizer built like the original.</summary>
    public static void Import(IOptimizer optimizer, OptimizerState state, string source)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(state);
        switch (optimizer)
        {
            case Sgd when state.IsEmpty:
                return;
            case Sgd:
                throw new CheckpointFormatException(
                    $"{source}: the checkpoint holds optimizer state ({string.Join(", ", state.Tensors.Keys.Concat(state.Scalars.Keys))}) but plain SGD has none");
            default:
                throw new NotSupportedException(
                    $"checkpoints do not know how to restore the state of {optimizer.GetType().Name}; wire it into OptimizerStates");
        }
    }
}
