using System.Globalization;
using Dendrite.Formats.Models;
using Dendrite.Nn.Configs;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.Training.Models;
using Dendrite.Training.Runs;

namespace Dendrite.Training.Checkpoints;

/// <summary>
/// Turns a checked <see cref="ModelFile"/> into a <see cref="Checkpoint"/>: the model's meaning, the training state
/// tensors (each checked against the parameter or state tensor it belongs to, shape by shape), and the JSON metadata,
/// every error naming the file and the key.
/// </summary>
internal static class CheckpointReader
{
    public static Checkpoint Read(ModelFile file)
    {
        string source = file.Source;
        LayerConfig architecture = file.Architecture
            ?? throw new CheckpointFormatException($"{source}: not a Dendrite model: the safetensors metadata has no {CheckpointKeys.Architecture}");
        IReadOnlyDictionary<string, string> meta = file.Metadata;
        bool v1 = file.FormatVersion == "1";
        ModelInfo info = ModelInfoJson.Read(file);
        int epoch = ReadEpoch(meta, source);

        StateShape[] parameters = [.. architecture.StateShapes().Where(s => !s.IsBuffer)];
        var optimizerTensors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var bestWeights = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var (name, tensor) in file.Extras)
        {
            if (name.StartsWith(CheckpointKeys.OptimizerPrefix, StringComparison.Ordinal))
            {
                string key = name[CheckpointKeys.OptimizerPrefix.Length..];
                int? index = OptimizerStates.ParameterIndex(key);
                if (index is not int i || i >= parameters.Length)
                    throw new CheckpointFormatException($"{source}: optimizer tensor '{InputText.Clip(name)}' names no parameter of the model");
                CheckShape(source, name, tensor, parameters[i].Shape, parameters[i].Name, flatAllowed: v1);
                optimizerTensors[key] = tensor.Data;
            }
            else
            {
                string key = name[CheckpointKeys.EarlyStoppingPrefix.Length..];
                if (!file.State.TryGetValue(key, out Tensor? live))
                    throw new CheckpointFormatException($"{source}: early-stopping tensor '{InputText.Clip(name)}' names no tensor of the model");
                CheckShape(source, name, tensor, live.ShapeArray, key, flatAllowed: v1);
                bestWeights[key] = tensor.Data;
            }
        }
        // Version 1 predates batch norm's counter: a best-weights snapshot then starts it at 0, as the model does.
        if (v1 && bestWeights.Count > 0)
            foreach (var (name, tensor) in file.State)
                if (!bestWeights.ContainsKey(name) && name.EndsWith(".num_batches_tracked", StringComparison.Ordinal))
                    bestWeights[name] = new float[tensor.Size];

        FitState? fit = meta.TryGetValue(CheckpointKeys.Fit, out string? f) ? FitStateJson.Read(f, bestWeights, source) : null;
        if (fit is null && bestWeights.Count > 0)
            throw new CheckpointFormatException($"{source}: '{CheckpointKeys.EarlyStoppingPrefix}*' tensors without {CheckpointKeys.Fit}");
        var scalars = meta.TryGetValue(CheckpointKeys.OptimizerScalars, out string? s)
            ? CheckpointJson.ReadScalars(s, source) : new Dictionary<string, string>();
        var rngs = meta.TryGetValue(CheckpointKeys.Rng, out string? r)
            ? CheckpointJson.ReadRngs(r, source) : new Dictionary<string, RngState>();
        var history = meta.TryGetValue(CheckpointKeys.Metrics, out string? m)
            ? CheckpointJson.ReadHistory(m, info.Task, source) : [];
        RunConfig? config = meta.TryGetValue(CheckpointKeys.Config, out string? c) ? RunConfigJson.Read(c, source) : null;
        return new Checkpoint(architecture, info, epoch, file.State, new OptimizerState(optimizerTensors, scalars), rngs, history, config, fit)
        {
            FormatVersion = file.FormatVersion ?? ModelKeys.CurrentVersion,
        };
    }

    /// <summary>A training tensor must have its model tensor's shape (version 1 stored them flat: then the count must match).</summary>
    private static void CheckShape(string source, string name, Tensor tensor, int[] shape, string owner, bool flatAllowed)
    {
        if (tensor.Shape.SequenceEqual(shape)) return;
        long count = shape.Aggregate(1L, (n, d) => n * d);
        if (flatAllowed && tensor.Rank == 1 && tensor.Size == count) return;
        throw new CheckpointFormatException(
            $"{source}: tensor '{InputText.Clip(name)}' has shape {tensor.ShapeString}, but '{owner}' is [{string.Join(", ", shape)}]");
    }

    private static int ReadEpoch(IReadOnlyDictionary<string, string> meta, string source)
    {
        if (!meta.TryGetValue(CheckpointKeys.Epoch, out string? e)) return 0;
        if (!int.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out int epoch))
            throw new CheckpointFormatException($"{source}: {CheckpointKeys.Epoch} is '{InputText.Clip(e)}', expected a whole number ≥ 0");
        return epoch;
    }

}
