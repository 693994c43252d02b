using Dendrite.Formats.Safetensors;
using Dendrite.Nn;
using Dendrite.Nn.Configs;
using Dendrite.Tensors;

namespace Dendrite.Formats.Models;

/// <summary>
/// Saves and loads any model in one call. A file is safetensors: the <see cref="Module.StateDict"/> tensors under
/// their PyTorch-style names (so PyTorch's <c>load_state_dict</c> reads them), and in "__metadata__" the format
/// version and the architecture as data (<see cref="Module.ToConfig"/>). A Sequential of library layers round-trips
/// completely (<see cref="Load"/> rebuilds it); a custom module's file holds its state dict only, which
/// <see cref="LoadInto"/> copies into a model the caller builds, as it does a PyTorch state dict saved as safetensors.
/// Loading treats the file as untrusted: the header is checked against the file's real size, the architecture
/// against <see cref="ModelLimits"/>, and every promised tensor against the header, before any tensor is allocated.
/// </summary>
public static class Model
{
    /// <summary>
    /// Writes <paramref name="model"/> atomically to <paramref name="path"/>, with <paramref name="metadata"/> (string
    /// pairs for the caller's own use; the "dendrite.format_version" and "dendrite.architecture" keys are reserved).
    /// </summary>
    /// <exception cref="DendriteException">the file cannot be written (the message names the path).</exception>
    public static void Save(Module model, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        SafetensorsWriter.Write(path, model.StateDict(), Metadata(model, metadata));
    }

    /// <summary>The file <see cref="Save"/> writes, as bytes.</summary>
    public static byte[] ToBytes(Module model, IReadOnlyDictionary<string, string>? metadata = null) =>
        SafetensorsWriter.ToBytes(model.StateDict(), Metadata(model, metadata));

    /// <summary>The metadata <see cref="Save"/> writes for <paramref name="model"/>: version, architecture, then <paramref name="extra"/>.</summary>
    public static Dictionary<string, string> Metadata(Module model, IReadOnlyDictionary<string, string>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var result = new Dictionary<string, string>(StringComparer.Ordinal) { [ModelKeys.FormatVersion] = ModelKeys.CurrentVersion };
        if (model.ToConfig() is { } config) result[ModelKeys.Architecture] = LayerConfigJson.Write(config);
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            if (key is ModelKeys.FormatVersion or ModelKeys.Architecture)
                throw new ArgumentException($"metadata key '{key}' is reserved", nameof(extra));
            result[key] = value;
        }
        return result;
    }

    /// <summary>Rebuilds the model saved at <paramref name="path"/>, in eval mode.</summary>
    /// <exception cref="DendriteException">a missing or unreadable file, a file without architecture, or contents that
    /// contradict it; the message names the path.</exception>
    public static Module Load(string path, ModelLimits? limits = null) => Read(path, limits).Build();

    /// <summary>Copies the state saved at <paramref name="path"/> into <paramref name="model"/> (for custom modules).</summary>
    public static StateDictLoadResult LoadInto(Module model, string path, bool strict = true) =>
        Read(path).LoadInto(model, strict);

    /// <summary>Reads and checks a model file without building the model.</summary>
    public static ModelFile Read(string path, ModelLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path)) throw new ModelFormatException($"{path}: is a folder, expected a .safetensors model file");
        if (!File.Exists(path)) throw new ModelFormatException($"{path}: model file not found");
        SafetensorsHeader header = SafetensorsReader.ReadHeader(path);
        LayerConfig? architecture = CheckHeader(header, path, limits ?? ModelLimits.Default);
        return FromFile(SafetensorsReader.Read(path), architecture, path);
    }

    /// <summary>Reads and checks a model file held in memory; <paramref name="source"/> labels errors.</summary>
    public static ModelFile Read(byte[] bytes, string source = "<bytes>", ModelLimits? limits = null)
    {
        LayerConfig? architecture = CheckHeader(SafetensorsReader.ReadHeader(bytes, source), source, limits ?? ModelLimits.Default);
        return FromFile(SafetensorsReader.Read(bytes, source), architecture, source);
    }

    /// <summary>
    /// The architecture of a validated header, checked against the limits and the header's tensors: every tensor the
    /// architecture promises is there with its shape, and every other tensor is training state. Nothing is allocated.
    /// </summary>
    private static LayerConfig? CheckHeader(SafetensorsHeader header, string source, ModelLimits limits)
    {
        IReadOnlyDictionary<string, string> meta = header.Metadata;
        // A safetensors file from elsewhere (PyTorch's save_file of a state_dict) is a plain state dict.
        if (!meta.TryGetValue(ModelKeys.FormatVersion, out string? version)) return null;
        if (!ModelKeys.ReadableVersions.Contains(version))
            throw new ModelFormatException($"{source}: unsupported Dendrite model version '{InputText.Clip(version)}'; this build reads versions {string.Join(" and ", ModelKeys.ReadableVersions)}");
        if (!meta.TryGetValue(ModelKeys.Architecture, out string? json))
        {
            if (version == "1") throw new ModelFormatException($"{source}: not a Dendrite model: the safetensors metadata has no {ModelKeys.Architecture}");
            return null;
        }
        LayerConfig architecture = version == "1" ? LegacyMlpArchitecture.Read(json, source) : LayerConfigJson.Read(json, source);
        architecture.Validate(limits, $"{source}: architecture");
        var stored = header.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var promised = new HashSet<string>(StringComparer.Ordinal);
        foreach (StateShape s in architecture.StateShapes())
        {
            promised.Add(s.Name);
            if (!stored.TryGetValue(s.Name, out SafetensorsTensorInfo? t))
            {
                // Version 1 predates batch norm's counter; it starts at 0 when such a file is loaded.
                if (version == "1" && IsBatchCounter(s)) continue;
                throw new ModelFormatException($"{source}: the architecture needs tensor '{s.Name}' {s.ShapeString}, which the file lacks");
            }
            if (!t.Shape.SequenceEqual(s.Shape))
                throw new ModelFormatException($"{source}: tensor '{s.Name}' has shape {t.ShapeString}, the architecture needs {s.ShapeString}");
        }
        foreach (SafetensorsTensorInfo t in header.Tensors)
            if (!promised.Contains(t.Name) && !IsExtra(t.Name))
                throw new ModelFormatException($"{source}: tensor '{InputText.Clip(t.Name)}' is not part of the architecture the file describes");
        return architecture;
    }

    private static ModelFile FromFile(SafetensorsFile file, LayerConfig? architecture, string source)
    {
        var state = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        var extras = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in file.Tensors)
        {
            if (architecture is not null && IsExtra(name)) extras.Add(name, tensor);
            else state.Add(name, tensor);
        }
        if (architecture is not null)
            foreach (StateShape s in architecture.StateShapes())
                if (IsBatchCounter(s) && !state.ContainsKey(s.Name)) state.Add(s.Name, Tensor.Zeros());
        return new ModelFile(source, file.Metadata.GetValueOrDefault(ModelKeys.FormatVersion), architecture, state, extras, file.Metadata);
    }

    private static bool IsExtra(string name) => ModelKeys.ExtraTensorPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

    private static bool IsBatchCounter(StateShape s) => s.IsBuffer && s.Name.EndsWith(".num_batches_tracked", StringComparison.Ordinal);

}
