using System.Globalization;
using Dendrite.Formats.IO;
using Dendrite.Formats.Models;
using Dendrite.Formats.Safetensors;
using Dendrite.Nn;
using Dendrite.Nn.Configs;
using Dendrite.Optim;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.Training.Models;
using Dendrite.Training.Runs;

namespace Dendrite.Training.Checkpoints;

/// <summary>
/// Everything needed to rebuild a model, and to continue its training bit for bit, at an epoch boundary: the
/// architecture (as data), what the model means (<see cref="ModelInfo"/>: task, classes, input and preprocessing),
/// the state dict, optimizer state, Rng states (the shuffle stream and every Dropout layer's), the trainer's
/// <see cref="FitState"/>, the history so far and the run's <see cref="RunConfig"/>. Stored as one safetensors file
/// (a <see cref="Model"/> file plus training state): the state dict under its PyTorch-style names, optimizer tensors
/// as "optim.*" with their parameters' shapes, early stopping's best weights as "early_stopping.*", the rest as JSON in
/// "__metadata__" (keys in <see cref="CheckpointKeys"/>). So a file alone rebuilds the model, and other tools can read
/// the weights. Version-1 files load too.
/// </summary>
/// <param name="Architecture">The model as data.</param>
/// <param name="Info">What the model means.</param>
/// <param name="Epoch">Completed epochs; 0 for the initial weights.</param>
/// <param name="State">The state dict (copies, independent of any live model).</param>
/// <param name="Optimizer">The optimizer's state.</param>
/// <param name="Rngs">Random streams that training continues to draw from, e.g. "shuffle".</param>
/// <param name="History">Results of epochs 1..<paramref name="Epoch"/>.</param>
/// <param name="Config">The run's configuration, or null for a bare model.</param>
/// <param name="Fit">The trainer's schedule/early-stopping state, or null (a bare model, or a file from before it was stored).</param>
public sealed record Checkpoint(
    LayerConfig Architecture,
    ModelInfo Info,
    int Epoch,
    IReadOnlyDictionary<string, Tensor> State,
    OptimizerState Optimizer,
    IReadOnlyDictionary<string, RngState> Rngs,
    IReadOnlyList<EpochResult> History,
    RunConfig? Config,
    FitState? Fit = null)
{
    /// <summary>The Rng stream that orders the training set (see <see cref="RunSeeds.Shuffle"/>).</summary>
    public const string ShuffleRng = "shuffle";

    /// <summary>The file's format version ("2" for files this code writes).</summary>
    public string FormatVersion { get; init; } = ModelKeys.CurrentVersion;

    /// <summary>
    /// Snapshots a live model and optimizer (values are copied). Every Dropout layer's stream is added to
    /// <paramref name="rngs"/> as "dropout.&lt;layer&gt;"; <paramref name="fit"/> is the trainer's state, if any.
    /// </summary>
    /// <exception cref="ArgumentException">the model has no description (a custom module): save its state dict instead.</exception>
    public static Checkpoint Capture(Module model, ModelInfo info, int epoch, IOptimizer optimizer, IReadOnlyDictionary<string, RngState> rngs,
        IReadOnlyList<EpochResult> history, RunConfig? config, FitState? fit = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rngs);
        ArgumentNullException.ThrowIfNull(history);
        LayerConfig architecture = model.ToConfig()
            ?? throw new ArgumentException($"{model.GetType().Name} has no architecture description; save its state dict with Model.Save", nameof(model));
        var allRngs = new Dictionary<string, RngState>(rngs, StringComparer.Ordinal);
        foreach (var (name, dropout) in DropoutLayers(model)) allRngs[CheckpointKeys.DropoutRngPrefix + name] = dropout.GetRngState();
        if (fit?.EarlyStopping?.BestWeights is { } best)
            fit = fit with { EarlyStopping = fit.EarlyStopping with { BestWeights = [.. best.Select(kv => new KeyValuePair<string, float[]>(kv.Key, (float[])kv.Value.Clone()))] } };
        return new Checkpoint(architecture, info, epoch, model.StateDict(), OptimizerStates.Export(optimizer), allRngs, [.. history], config, fit);
    }

    /// <summary>Every Dropout layer of <paramref name="model"/> with its dotted name ("4"), depth first.</summary>
    public static IEnumerable<(string Name, Dropout Layer)> DropoutLayers(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var (name, child) in model.NamedChildren())
        {
            if (child is Dropout d) yield return (name, d);
            foreach (var (inner, layer) in DropoutLayers(child)) yield return (name + "." + inner, layer);
        }
    }

    /// <summary>
    /// Sets every Dropout layer's stream of <paramref name="model"/> from <see cref="Rngs"/> so a resumed run draws
    /// the masks the interrupted one would have. Throws <see cref="CheckpointFormatException"/> when one is missing.
    /// </summary>
    public void RestoreDropoutStreams(Module model, string source)
    {
        foreach (var (name, dropout) in DropoutLayers(model))
        {
            if (!Rngs.TryGetValue(CheckpointKeys.DropoutRngPrefix + name, out RngState state))
                throw new CheckpointFormatException($"{source}: no '{CheckpointKeys.DropoutRngPrefix}{name}' Rng state for the Dropout layer, so the run cannot be resumed exactly");
            dropout.SetRngState(state);
        }
    }

    /// <summary>The complete file. The same checkpoint always gives the same bytes.</summary>
    public byte[] ToBytes()
    {
        var tensors = new List<KeyValuePair<string, Tensor>>(State);
        // Optimizer buffers take their parameter's shape, so a reader can check them tensor by tensor.
        int[][] parameterShapes = [.. Architecture.StateShapes().Where(s => !s.IsBuffer).Select(s => s.Shape)];
        foreach (var (name, values) in Optimizer.Tensors)
        {
            int[] shape = OptimizerStates.ParameterIndex(name) is int i && i < parameterShapes.Length ? parameterShapes[i] : [values.Length];
            tensors.Add(new(CheckpointKeys.OptimizerPrefix + name, new Tensor((float[])values.Clone(), shape)));
        }
        if (Fit?.EarlyStopping?.BestWeights is { } best)
            foreach (var (name, values) in best)
            {
                // Same shape as the live tensor of that name, so other tools see matrices, not flat lists.
                int[] shape = State.TryGetValue(name, out Tensor? t) ? t.ShapeArray : [values.Length];
                tensors.Add(new(CheckpointKeys.EarlyStoppingPrefix + name, new Tensor((float[])values.Clone(), shape)));
            }
        var metadata = new Dictionary<string, string>(ModelInfoJson.Write(Info), StringComparer.Ordinal)
        {
            [CheckpointKeys.FormatVersion] = ModelKeys.CurrentVersion,
            [CheckpointKeys.Architecture] = LayerConfigJson.Write(Architecture),
            [CheckpointKeys.Epoch] = Epoch.ToString(CultureInfo.InvariantCulture),
            [CheckpointKeys.Rng] = CheckpointJson.WriteRngs(Rngs),
            [CheckpointKeys.Metrics] = CheckpointJson.WriteHistory(History),
            [CheckpointKeys.OptimizerScalars] = CheckpointJson.WriteScalars(Optimizer.Scalars),
        };
        if (Config is not null) metadata[CheckpointKeys.Config] = RunConfigJson.Write(Config);
        if (Fit is not null) metadata[CheckpointKeys.Fit] = FitStateJson.Write(Fit);
        return SafetensorsWriter.ToBytes(tensors, metadata);
    }

    /// <summary>Writes atomically (temporary file, flush, rename): a crash leaves the previous file intact.</summary>
    public void Save(string path) => WriteBytes(path, ToBytes());

    /// <summary>Writes already-serialized checkpoint bytes atomically.</summary>
    public static void WriteBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        AtomicFile.WriteAll(path, bytes, "checkpoint");
    }

    /// <summary>
    /// Reads and validates a checkpoint or model file, of either version. A missing file, a file that is not
    /// safetensors, a truncated one, one without Dendrite metadata, and metadata that contradicts the tensors each
    /// throw a <see cref="DendriteException"/> naming the path; nothing described only by the metadata is allocated
    /// before it has been checked against the tensors in the file.
    /// </summary>
    public static Checkpoint Load(string path, ModelLimits? limits = null) => FromFile(Wrap(() => Model.Read(path, limits)));

    /// <summary>Reads from in-memory file bytes; <paramref name="source"/> labels errors.</summary>
    public static Checkpoint Read(byte[] bytes, string source = "<bytes>", ModelLimits? limits = null) =>
        FromFile(Wrap(() => Model.Read(bytes, source, limits)));

    private static ModelFile Wrap(Func<ModelFile> read)
    {
        try
        {
            return read();
        }
        catch (ModelConfigException e)
        {
            throw new CheckpointFormatException(e.Message, e);
        }
    }

    private static Checkpoint FromFile(ModelFile file) => CheckpointReader.Read(file);

    /// <summary>Builds the described model and loads the stored state into it (in training mode, ready to continue).</summary>
    public Module BuildModel()
    {
        // The init draw is overwritten by the loaded values, so any Rng will do.
        Module model = Architecture.Build(new Rng(0));
        LoadInto(model, "checkpoint");
        return model;
    }

    /// <summary>
    /// Copies the state into <paramref name="model"/> in place (so a compiled fused plan keeps seeing it). Every
    /// parameter and buffer must be present with the same shape, and the state may hold no others.
    /// </summary>
    public void LoadInto(Module model, string source)
    {
        ArgumentNullException.ThrowIfNull(model);
        try
        {
            model.LoadStateDict(State, strict: true);
        }
        catch (StateDictException e)
        {
            throw new CheckpointFormatException($"{source}: {e.Message}", e);
        }
    }
}
