using Dendrite.Random;

namespace Dendrite.Nn.Configs;

/// <summary>
/// An activation by its <see cref="ActivationRegistry"/> name ("relu", "leaky_relu", "swiglu", …) with its numeric
/// parameters by PyTorch's keyword names (<see cref="ActivationInfo.Parameters"/>); a parameter left out takes its
/// default. Two descriptions are equal when they name the same activation with the same parameters.
/// </summary>
public sealed record ActivationConfig : LayerConfig
{
    /// <summary>Describes activation <paramref name="name"/> with <paramref name="parameters"/> (none: the defaults).</summary>
    public ActivationConfig(string name, IReadOnlyDictionary<string, float>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Parameters = parameters is null
            ? new SortedDictionary<string, float>(StringComparer.Ordinal)
            : new SortedDictionary<string, float>(parameters.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);
    }

    /// <summary>The registry name.</summary>
    public string Name { get; }

    /// <summary>Parameter values by name, sorted by name.</summary>
    public IReadOnlyDictionary<string, float> Parameters { get; }

    /// <inheritdoc/>
    public override string Type => "activation";

    /// <inheritdoc/>
    public override Module Build(Rng rng) => ActivationRegistry.Get(Name).Create(Parameters);

    /// <inheritdoc/>
    public override void Validate(ModelLimits limits, string path)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (!ActivationRegistry.TryGet(Name, out ActivationInfo? info))
            throw new ModelConfigException($"{path}: unknown activation '{Name}'");
        foreach (var (key, value) in Parameters)
        {
            if (!info.Parameters.Any(p => p.Name == key))
                throw new ModelConfigException($"{path}: activation '{Name}' has no parameter '{key}'");
            if (!float.IsFinite(value)) throw new ModelConfigException($"{path}: {Name} parameter {key} is {value}, expected a finite number");
        }
        // PReLU allocates one slope per channel: bound it before anything is built.
        if (Parameters.TryGetValue("num_parameters", out float count) && !(count >= 1 && count <= limits.MaxWidth && count == MathF.Floor(count)))
            throw new ModelConfigException($"{path}: {Name} num_parameters is {count}, expected a whole number from 1 to {limits.MaxWidth}");
        try
        {
            info.Create(Parameters);
        }
        catch (DendriteException e)
        {
            throw new ModelConfigException($"{path}: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public override long? OutputWidth(long? width, string path)
    {
        ActivationInfo info = ActivationRegistry.Get(Name);
        if (width is not { } w) return null;
        if (info.IsGated && w % 2 != 0)
            throw new ModelConfigException($"{path}: {Name} halves its input, but the previous layer produces an odd {w} features");
        if (Parameters.TryGetValue("num_parameters", out float count) && count != 1 && count != w)
            throw new ModelConfigException($"{path}: {Name} has {count} slopes but the previous layer produces {w} features");
        return info.IsGated ? w / 2 : w;
    }

    /// <inheritdoc/>
    public override IEnumerable<StateShape> StateShapes() =>
        Build(new Rng(0)).StateEntries().Select(e => new StateShape(e.Name, e.Tensor.ShapeArray, e.IsBuffer)).ToList();

    /// <inheritdoc/>
    public bool Equals(ActivationConfig? other) =>
        other is not null && Name == other.Name && Parameters.Count == other.Parameters.Count
        && Parameters.All(p => other.Parameters.TryGetValue(p.Key, out float v) && v.Equals(p.Value));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Parameters.Count);
}
