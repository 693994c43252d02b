using Dendrite.Nn;
using Dendrite.Nn.Configs;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Formats.Models;

/// <summary>
/// A model file as read and checked by <see cref="Model.Read(string, ModelLimits?)"/>: its architecture (null for a state-dict-only file),
/// the model's tensors by state-dict name, the extra training tensors ("optim.*", "early_stopping.*"), and the
/// string metadata. Every tensor named by the architecture is present with the promised shape.
/// </summary>
public sealed class ModelFile
{
    internal ModelFile(string source, string? formatVersion, LayerConfig? architecture, IReadOnlyDictionary<string, Tensor> state,
        IReadOnlyDictionary<string, Tensor> extras, IReadOnlyDictionary<string, string> metadata)
    {
        Source = source;
        FormatVersion = formatVersion;
        Architecture = architecture;
        State = state;
        Extras = extras;
        Metadata = metadata;
    }

    /// <summary>The path or label the file was read from (for messages).</summary>
    public string Source { get; }

    /// <summary>"1" or "2", or null for a safetensors file that Dendrite did not write (a plain state dict).</summary>
    public string? FormatVersion { get; }

    /// <summary>The model as data, or null for a state-dict-only file (a custom module's).</summary>
    public LayerConfig? Architecture { get; }

    /// <summary>The model's parameters and buffers by state-dict name.</summary>
    public IReadOnlyDictionary<string, Tensor> State { get; }

    /// <summary>Training tensors stored beside the model, by full name ("optim.0.exp_avg").</summary>
    public IReadOnlyDictionary<string, Tensor> Extras { get; }

    /// <summary>All "__metadata__" entries.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>
    /// Builds the described model and loads the stored state into it (strictly), in eval mode: call
    /// <see cref="Module.Train"/> to fine-tune it.
    /// </summary>
    /// <exception cref="ModelFormatException">the file has no architecture.</exception>
    public Module Build()
    {
        LayerConfig architecture = Architecture ?? throw new ModelFormatException(
            FormatVersion is null
                ? $"{Source}: not a Dendrite model file (no {ModelKeys.FormatVersion} metadata); if it holds a state dict, build the model and load it with Model.LoadInto"
                : $"{Source}: holds a state dict without an architecture (a custom module's); build the model and load the file into it with Model.LoadInto");
        Module model = architecture.Build(new Rng(0)); // the initial draw is overwritten
        LoadInto(model, strict: true);
        model.Eval();
        return model;
    }

    /// <summary>Copies the stored state into <paramref name="model"/> (see <see cref="Module.LoadStateDict"/>).</summary>
    public StateDictLoadResult LoadInto(Module model, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        try
        {
            return model.LoadStateDict(State, strict);
        }
        catch (StateDictException e)
        {
            throw new ModelFormatException($"{Source}: {e.Message}", e);
        }
    }
}
