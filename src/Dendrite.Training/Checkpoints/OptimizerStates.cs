using System.Globalization;
using Dendrite.Optim;

namespace Dendrite.Training.Checkpoints;

/// <summary>
/// Moves an optimizer's state (<see cref="IOptimizer.ExportState"/>: named buffers such as "0.exp_avg" and scalars
/// such as the step count) into and out of a checkpoint. Scalars are stored as round-trip text in the safetensors
/// metadata, so a resumed run continues with bit-identical state.
/// </summary>
public static class OptimizerStates
{
    /// <summary>A copy of <paramref name="optimizer"/>'s state, its scalars as round-trip text.</summary>
    public static OptimizerState Export(IOptimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optim.OptimizerState state = optimizer.ExportState();
        return new OptimizerState(
            state.Buffers,
            state.Scalars.ToDictionary(kv => kv.Key, kv => kv.Value.ToString("R", CultureInfo.InvariantCulture)));
    }

    /// <summary>Restores <paramref name="state"/> into <paramref name="optimizer"/>; a scalar that is not a number or a
    /// state the optimizer refuses throws a <see cref="CheckpointFormatException"/> naming <paramref name="source"/>.</summary>
    public static void Import(IOptimizer optimizer, OptimizerState state, string source)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(state);
        var scalars = new Dictionary<string, double>();
        foreach (var (key, text) in state.Scalars)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                throw new CheckpointFormatException($"{source}: optimizer scalar '{key}' is '{text}', not a number");
            scalars[key] = value;
        }
        try
        {
            optimizer.ImportState(new Optim.OptimizerState(state.Tensors, scalars));
        }
        catch (OptimizerStateException e)
        {
            throw new CheckpointFormatException($"{source}: {e.Message}", e);
        }
    }

    /// <summary>The parameter index of an optimizer tensor name "{index}.{buffer}" ("0.exp_avg" → 0), or null.</summary>
    public static int? ParameterIndex(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && int.TryParse(name.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out int i) ? i : null;
    }
}
