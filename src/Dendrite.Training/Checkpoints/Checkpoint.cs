using System.Globalization;
using Dendrite.Formats.IO;
using Dendrite.Formats.Safetensors;
using Dendrite.Nn;
using Dendrite.Optim;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Training.Checkpoints;

/// <summary>
/// Everything needed to rebuild a model, and to continue its training bit for bit, at an epoch boundary:
/// architecture, class names, parameters and buffers, optimizer state, Rng states (the shuffle stream and every
/// Dropout layer's), the trainer's <see cref="FitState"/>, the history so far and the run's options.
/// Stored as one safetensors file: the parameters and buffers under their <see cref="Module.NamedParameters"/> /
/// <see cref="Module.NamedBuffers"/> names ("1.weight", "2.running_mean"), optimizer tensors as "optim.*", early
/// stopping's best weights as "early_stopping.*", the rest as JSON strings in "__metadata__" (keys in
/// <see cref="CheckpointKeys"/>). So a file alone rebuilds the model, and other tools can read the weights.
/// </summary>
/// <param name="Spec">The architecture.</param>
/// <param name="ClassNames">Name of each output class (index = class id).</param>
/// <param name="Epoch">Completed epochs; 0 for the initial weights.</param>
/// <param name="Parameters">Parameter name → values (copies, independent of any live model).</param>
/// <param name="Optimizer">The optimizer's state.</param>
/// <param name="Rngs">Random streams that training continues to draw from, e.g. "shuffle".</param>
/// <param name="History">Results of epochs 1..<paramref name="Epoch"/>.</param>
/// <param name="ConfigJson">The run's resolved options as JSON, or null for a bare model.</param>
/// <param name="Buffers">Buffer name → values (BatchNorm running statistics); null means none.</param>
/// <param name="Fit">The trainer's schedule/early-stopping state, or null (a bare model, or a file from before it was stored).</param>
public sealed record Checkpoint(
    MlpSpec Spec,
    IReadOnlyList<string> ClassNames,
    int Epoch,
    IReadOnlyDictionary<string, Tensor> Parameters,
    OptimizerState Optimizer,
    IReadOnlyDictionary<string, RngState> Rngs,
    IReadOnlyList<EpochResult> History,
    string? ConfigJson,
    IReadOnlyDictionary<string, Tensor>? Buffers = null,
    FitState? Fit = null)
{
    /// <summary>Buffer name → values; empty for models without buffers.</summary>
    public IReadOnlyDictionary<string, Tensor> Buffers { get; init; } = Buffers ?? new Dictionary<string, Tensor>(StringComparer.Ordinal);

    /// <summary>The layout version this code writes and the only one it reads.</summary>
    public const string CurrentFormatVersion = "1";

    /// <summary>The Rng stream that orders the training set (see <see cref="RunSeeds.Shuffle"/>).</summary>
    public const string ShuffleRng = "shuffle";

    /// <summary>
    /// Snapshots a live model and optimizer (values are copied). Every Dropout layer's stream is added to
    /// <paramref name="rngs"/> as "dropout.&lt;layer&gt;"; <paramref name="fit"/> is the trainer's state, if any.
    /// </summary>
    public static Checkpoint Capture(MlpSpec spec, IReadOnlyList<string> classNames, int epoch, Module model,
        IOptimizer optimizer, IReadOnlyDictionary<string, RngState> rngs, IReadOnlyList<EpochResult> history, string? configJson,
        FitState? fit = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rngs);
        var parameters = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (NamedParameter p in model.NamedParameters()) parameters.Add(p.Name, p.Parameter.Detach().Clone());
        var buffers = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (NamedBuffer b in model.NamedBuffers()) buffers.Add(b.Name, b.Buffer.Detach().Clone());
        var allRngs = new Dictionary<string, RngState>(rngs, StringComparer.Ordinal);
        foreach (var (name, dropout) in DropoutLayers(model)) allRngs[CheckpointKeys.DropoutRngPrefix + name] = dropout.GetRngState();
        if (fit?.EarlyStopping?.BestWeights is { } best)
            fit = fit with { EarlyStopping = fit.EarlyStopping with { BestWeights = [.. best.Select(kv => new KeyValuePair<string, float[]>(kv.Key, (float[])kv.Value.Clone()))] } };
        return new Checkpoint(spec, classNames, epoch, parameters, OptimizerStates.Export(optimizer), allRngs, history.ToArray(), configJson,
            buffers, fit);
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
        var tensors = new List<KeyValuePair<string, Tensor>>(Parameters);
        tensors.AddRange(Buffers);
        foreach (var (name, values) in Optimizer.Tensors)
            tensors.Add(new(CheckpointKeys.OptimizerPrefix + name, new Tensor((float[])values.Clone(), values.Length)));
        if (Fit?.EarlyStopping?.BestWeights is { } best)
            foreach (var (name, values) in best)
            {
                // Same shape as the live tensor of that name, so other tools see matrices, not flat lists.
                int[] shape = Parameters.TryGetValue(name, out Tensor? p) ? p.Shape.ToArray()
                    : Buffers.TryGetValue(name, out Tensor? b) ? b.Shape.ToArray() : [values.Length];
                tensors.Add(new(CheckpointKeys.EarlyStoppingPrefix + name, new Tensor((float[])values.Clone(), shape)));
            }
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [CheckpointKeys.FormatVersion] = CurrentFormatVersion,
            [CheckpointKeys.Architecture] = MlpSpecJson.Write(Spec),
            [CheckpointKeys.ClassNames] = CheckpointJson.WriteStrings(ClassNames),
            [CheckpointKeys.Epoch] = Epoch.ToString(CultureInfo.InvariantCulture),
            [CheckpointKeys.Rng] = CheckpointJson.WriteRngs(Rngs),
            [CheckpointKeys.Metrics] = CheckpointJson.WriteHistory(History),
            [CheckpointKeys.OptimizerScalars] = CheckpointJson.WriteScalars(Optimizer.Scalars),
        };
        if (ConfigJson is not null) metadata[CheckpointKeys.Config] = ConfigJson;
        if (Fit is not null) metadata[CheckpointKeys.Fit] = FitStateJson.Write(Fit);
        return SafetensorsWriter.ToBytes(tensors, metadata);
    }

    /// <summary>Writes atomically (temporary file, flush, rename): a crash leaves the previous file intact.</summary>
    public void Save(string path) => WriteBytes(path, ToBytes());

    /// <summary>Writes already-serialized checkpoint bytes atomically.</summary>
    public static void WriteBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            AtomicFile.Write(path, s => s.Write(bytes));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DendriteException($"{path}: cannot write checkpoint: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Reads and validates a checkpoint. A missing file, a file that is not safetensors, a truncated one and a
    /// safetensors file without Dendrite metadata each throw a <see cref="DendriteException"/> naming the path.
    /// </summary>
    public static Checkpoint Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path)) throw new CheckpointFormatException($"{path}: is a folder, expected a .safetensors model file");
        if (!File.Exists(path)) throw new CheckpointFormatException($"{path}: model file not found");
        return FromFile(SafetensorsReader.Read(path), path);
    }

    /// <summary>Reads from in-memory file bytes; <paramref name="source"/> labels errors.</summary>
    public static Checkpoint Read(byte[] bytes, string source = "<bytes>") => FromFile(SafetensorsReader.Read(bytes, source), source);

    /// <summary>Only the metadata-derived parts (spec, class names, epoch, history), without tensor data.</summary>
    public static (MlpSpec Spec, IReadOnlyList<string> ClassNames, int Epoch) ReadInfo(string path)
    {
        if (!File.Exists(path)) throw new CheckpointFormatException($"{path}: model file not found");
        var meta = SafetensorsReader.ReadHeader(path).Metadata;
        CheckVersion(meta, path);
        MlpSpec spec = MlpSpecJson.Read(meta[CheckpointKeys.Architecture], path);
        return (spec, ReadClassNames(meta, spec, path), ReadEpoch(meta, path));
    }

    private static Checkpoint FromFile(SafetensorsFile file, string source)
    {
        var meta = file.Metadata;
        CheckVersion(meta, source);
        MlpSpec spec = MlpSpecJson.Read(meta[CheckpointKeys.Architecture], source);
        // Buffers and parameters share the model's namespace; the architecture says which names are buffers.
        var model = ModelFactory.BuildMlp(spec, new Rng(0));
        var bufferNames = model.NamedBuffers().Select(b => b.Name).ToHashSet(StringComparer.Ordinal);
        var parameters = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var buffers = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var optimizerTensors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var bestWeights = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var (name, tensor) in file.Tensors)
        {
            if (name.StartsWith(CheckpointKeys.OptimizerPrefix, StringComparison.Ordinal))
                optimizerTensors[name[CheckpointKeys.OptimizerPrefix.Length..]] = tensor.Data;
            else if (name.StartsWith(CheckpointKeys.EarlyStoppingPrefix, StringComparison.Ordinal))
                bestWeights[name[CheckpointKeys.EarlyStoppingPrefix.Length..]] = tensor.Data;
            else if (bufferNames.Contains(name)) buffers[name] = tensor;
            else parameters[name] = tensor;
        }
        FitState? fit = meta.TryGetValue(CheckpointKeys.Fit, out string? f) ? FitStateJson.Read(f, bestWeights, source) : null;
        if (fit is null && bestWeights.Count > 0)
            throw new CheckpointFormatException($"{source}: '{CheckpointKeys.EarlyStoppingPrefix}*' tensors without {CheckpointKeys.Fit}");
        var scalars = meta.TryGetValue(CheckpointKeys.OptimizerScalars, out string? s)
            ? CheckpointJson.ReadScalars(s, source) : new Dictionary<string, string>();
        var rngs = meta.TryGetValue(CheckpointKeys.Rng, out string? r)
            ? CheckpointJson.ReadRngs(r, source) : new Dictionary<string, RngState>();
        var history = meta.TryGetValue(CheckpointKeys.Metrics, out string? m)
            ? CheckpointJson.ReadHistory(m, source) : [];
        var checkpoint = new Checkpoint(spec, ReadClassNames(meta, spec, source), ReadEpoch(meta, source), parameters,
            new OptimizerState(optimizerTensors, scalars), rngs, history, meta.GetValueOrDefault(CheckpointKeys.Config), buffers, fit);
        // Fail now, with the file's name, rather than when a command first uses the weights.
        checkpoint.LoadInto(model, source);
        return checkpoint;
    }

    /// <summary>Builds the model described by <see cref="Spec"/> and loads the parameters into it.</summary>
    public Sequential BuildModel()
    {
        // The init draw is overwritten by the loaded values, so any Rng will do.
        var model = ModelFactory.BuildMlp(Spec, new Rng(0));
        LoadInto(model, "checkpoint");
        return model;
    }

    /// <summary>
    /// Copies the parameters and buffers into <paramref name="model"/> in place (so a compiled fused plan keeps
    /// seeing them). Every model parameter and buffer must be present with the same shape, and the file may hold no
    /// others.
    /// </summary>
    public void LoadInto(Module model, string source)
    {
        ArgumentNullException.ThrowIfNull(model);
        // Buffers are all checked before any is copied; a model whose load failed is discarded by every caller.
        var bufferNames = new HashSet<string>(StringComparer.Ordinal);
        var liveBuffers = model.NamedBuffers().ToList();
        foreach (NamedBuffer b in liveBuffers)
        {
            bufferNames.Add(b.Name);
            if (!Buffers.TryGetValue(b.Name, out Tensor? t))
                throw new CheckpointFormatException($"{source}: buffer '{b.Name}' {b.Buffer.ShapeString} of a {Spec.Describe()} model is missing");
            if (!t.Shape.SequenceEqual(b.Buffer.Shape))
                throw new CheckpointFormatException($"{source}: buffer '{b.Name}' has shape {t.ShapeString}, a {Spec.Describe()} model needs {b.Buffer.ShapeString}");
        }
        string? extraBuffer = Buffers.Keys.FirstOrDefault(k => !bufferNames.Contains(k));
        if (extraBuffer is not null)
            throw new CheckpointFormatException($"{source}: tensor '{extraBuffer}' is not a buffer of a {Spec.Describe()} model");
        foreach (NamedBuffer b in liveBuffers) Buffers[b.Name].Data.AsSpan().CopyTo(b.Buffer.Data);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (NamedParameter p in model.NamedParameters())
        {
            names.Add(p.Name);
            if (!Parameters.TryGetValue(p.Name, out Tensor? t))
                throw new CheckpointFormatException($"{source}: parameter '{p.Name}' {p.Parameter.ShapeString} of a {Spec.Describe()} model is missing");
            if (!t.Shape.SequenceEqual(p.Parameter.Shape))
                throw new CheckpointFormatException($"{source}: parameter '{p.Name}' has shape {t.ShapeString}, a {Spec.Describe()} model needs {p.Parameter.ShapeString}");
            t.Data.AsSpan().CopyTo(p.Parameter.Data);
        }
        string? extra = Parameters.Keys.FirstOrDefault(k => !names.Contains(k));
        if (extra is not null)
            throw new CheckpointFormatException($"{source}: tensor '{extra}' is not a parameter of a {Spec.Describe()} model");
    }

    private static void CheckVersion(IReadOnlyDictionary<string, string> meta, string source)
    {
        if (!meta.TryGetValue(CheckpointKeys.Architecture, out _))
            throw new CheckpointFormatException(
                $"{source}: not a Dendrite model: the safetensors metadata has no {CheckpointKeys.Architecture}");
        if (!meta.TryGetValue(CheckpointKeys.FormatVersion, out string? v) || v != CurrentFormatVersion)
            throw new CheckpointFormatException(
                $"{source}: unsupported Dendrite checkpoint version '{v ?? "(none)"}', expected {CurrentFormatVersion}");
    }

    private static int ReadEpoch(IReadOnlyDictionary<string, string> meta, string source)
    {
        if (!meta.TryGetValue(CheckpointKeys.Epoch, out string? e)) return 0;
        if (!int.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out int epoch))
            throw new CheckpointFormatException($"{source}: {CheckpointKeys.Epoch} is '{e}', expected a non-negative integer");
        return epoch;
    }

    private static IReadOnlyList<string> ReadClassNames(IReadOnlyDictionary<string, string> meta, MlpSpec spec, string source)
    {
        if (!meta.TryGetValue(CheckpointKeys.ClassNames, out string? json)) return DefaultClassNames(spec.Classes);
        var names = CheckpointJson.ReadStrings(json, source, CheckpointKeys.ClassNames);
        if (names.Count != spec.Classes)
            throw new CheckpointFormatException($"{source}: {names.Count} class names for a model with {spec.Classes} classes");
        return names;
    }

    /// <summary>"0", "1", … for data sets without names.</summary>
    public static IReadOnlyList<string> DefaultClassNames(int classes) =>
        Enumerable.Range(0, classes).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
}
