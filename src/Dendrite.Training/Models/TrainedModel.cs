using Dendrite.Formats.Models;
using Dendrite.Nn;
using Dendrite.Nn.Configs;
using Dendrite.Training.Checkpoints;

namespace Dendrite.Training.Models;

/// <summary>
/// A network together with what it means (<see cref="ModelInfo"/>): what eval, predict and serve load from a model
/// file, a run folder's checkpoint or a version-1 file, and what <see cref="Save"/> writes for other programs. The
/// module is in eval mode.
/// </summary>
public sealed class TrainedModel
{
    /// <summary>Wraps <paramref name="module"/> (put in eval mode) with its meaning.</summary>
    /// <param name="module">The network.</param>
    /// <param name="info">Task, classes, input.</param>
    /// <param name="epoch">Epochs it was trained for (informative).</param>
    /// <param name="source">Where it was loaded from, for messages ("" when built in memory).</param>
    /// <param name="history">Its training history, when known.</param>
    public TrainedModel(Module module, ModelInfo info, int epoch = 0, string source = "", IReadOnlyList<EpochResult>? history = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(info);
        module.Eval();
        Module = module;
        Info = info;
        Epoch = epoch;
        Source = source;
        History = history ?? [];
    }

    /// <summary>The network, in eval mode.</summary>
    public Module Module { get; }

    /// <summary>What the network means.</summary>
    public ModelInfo Info { get; }

    /// <summary>Epochs it was trained for.</summary>
    public int Epoch { get; }

    /// <summary>The file it came from, or "".</summary>
    public string Source { get; }

    /// <summary>Its training history (empty when unknown).</summary>
    public IReadOnlyList<EpochResult> History { get; }

    /// <summary>The network as data, or null for a custom module.</summary>
    public LayerConfig? Architecture => Module.ToConfig();

    /// <summary>
    /// The layer widths from input to output when the network is a chain of Linear layers ("784-256-10"), else the
    /// number of layers; for messages and summaries.
    /// </summary>
    public string Describe()
    {
        if (Architecture is not SequentialConfig s) return Module.GetType().Name;
        var linears = s.Layers.OfType<LinearConfig>().ToList();
        return linears.Count == 0 ? $"{s.Layers.Count} layers"
            : string.Join("-", new[] { linears[0].InFeatures }.Concat(linears.Select(l => l.OutFeatures)));
    }

    /// <summary>
    /// <see cref="Describe"/> with the activations and the normalization and dropout layers, as train's "model:" line
    /// names them: "784-16-10 gelu, batchnorm, dropout 0.1".
    /// </summary>
    public string DescribeLayers()
    {
        if (Architecture is not SequentialConfig s) return Describe();
        var sb = new System.Text.StringBuilder(Describe());
        string[] activations = [.. s.Layers.OfType<ActivationConfig>().Select(a => a.Name).Distinct()];
        if (activations.Length > 0) sb.Append(' ').Append(string.Join("/", activations));
        if (s.Layers.OfType<BatchNorm1dConfig>().Any()) sb.Append(", batchnorm");
        if (s.Layers.OfType<LayerNormConfig>().Any()) sb.Append(", layernorm");
        if (s.Layers.OfType<DropoutConfig>().FirstOrDefault() is { } d)
            sb.Append(", dropout ").Append(d.P.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>
    /// Loads any Dendrite model or checkpoint file (version 1 or 2), checked as untrusted input against
    /// <paramref name="limits"/> before anything is built.
    /// </summary>
    /// <exception cref="DendriteException">a missing, unreadable or inconsistent file; the message names it.</exception>
    public static TrainedModel Load(string path, ModelLimits? limits = null)
    {
        Checkpoint checkpoint = Checkpoint.Load(path, limits);
        return new TrainedModel(checkpoint.BuildModel(), checkpoint.Info, checkpoint.Epoch, path, checkpoint.History);
    }

    /// <summary>Writes the network and its meaning atomically to <paramref name="path"/> (a <see cref="Model"/> file).</summary>
    public void Save(string path)
    {
        var metadata = ModelInfoJson.Write(Info);
        metadata[CheckpointKeys.Epoch] = Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Model.Save(Module, path, metadata);
    }
}
