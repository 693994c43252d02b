using Dendrite.Random;

namespace Dendrite.Nn.Configs;

/// <summary>
/// <see cref="Sequential"/> of the described layers, named "0", "1", … in the state dict. Two descriptions are equal
/// when their layers are, in order.
/// </summary>
public sealed record SequentialConfig : LayerConfig
{
    /// <summary>Describes a Sequential of <paramref name="layers"/>.</summary>
    public SequentialConfig(IEnumerable<LayerConfig> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        Layers = Array.AsReadOnly(layers.ToArray());
    }

    /// <summary>Describes a Sequential of <paramref name="layers"/>.</summary>
    public SequentialConfig(params LayerConfig[] layers) : this((IEnumerable<LayerConfig>)layers)
    {
    }

    /// <summary>The children, in order.</summary>
    public IReadOnlyList<LayerConfig> Layers { get; }

    /// <inheritdoc/>
    public override string Type => "sequential";

    /// <inheritdoc/>
    public override Module Build(Rng rng)
    {
        var model = new Sequential();
        foreach (LayerConfig layer in Layers) model.Add(layer.Build(rng));
        return model;
    }

    /// <summary>
    /// Checks every layer, the total layer and element counts against <paramref name="limits"/>, and that each
    /// layer takes the width the previous one produces. Allocates nothing but the description's own bookkeeping.
    /// </summary>
    public override void Validate(ModelLimits limits, string path)
    {
        ArgumentNullException.ThrowIfNull(limits);
        int count = CountLayers(this, limits, path);
        if (count == 0) throw new ModelConfigException($"{Where(path)}has no layers");
        for (int i = 0; i < Layers.Count; i++)
        {
            if (Layers[i] is null) throw new ModelConfigException($"{Child(path, i)}: missing layer");
            Layers[i].Validate(limits, Child(path, i));
        }
        long total = 0;
        foreach (StateShape s in StateShapes()) total += s.ElementCount;
        if (total > limits.MaxTotalElements)
            throw new ModelConfigException($"{Where(path)}the model would hold {total:N0} values, more than the limit of {limits.MaxTotalElements:N0}");
        OutputWidth(null, path);
    }

    /// <inheritdoc/>
    public override int? InputWidth => Layers.Select(l => l.InputWidth).FirstOrDefault(w => w is not null);

    /// <inheritdoc/>
    public override long? OutputWidth(long? width, string path)
    {
        for (int i = 0; i < Layers.Count; i++) width = Layers[i].OutputWidth(width, Child(path, i));
        return width;
    }

    /// <inheritdoc/>
    public override IEnumerable<StateShape> StateShapes()
    {
        for (int i = 0; i < Layers.Count; i++)
            foreach (StateShape s in Layers[i].StateShapes())
                yield return s with { Name = i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + s.Name };
    }

    /// <inheritdoc/>
    public bool Equals(SequentialConfig? other) => other is not null && Layers.SequenceEqual(other.Layers);

    /// <inheritdoc/>
    public override int GetHashCode() => Layers.Count;

    private static int CountLayers(SequentialConfig config, ModelLimits limits, string path)
    {
        int count = 0;
        var pending = new Stack<SequentialConfig>();
        pending.Push(config);
        while (pending.Count > 0)
        {
            foreach (LayerConfig layer in pending.Pop().Layers)
            {
                if (++count > limits.MaxLayers)
                    throw new ModelConfigException($"{Where(path)}more than {limits.MaxLayers} layers");
                if (layer is SequentialConfig inner) pending.Push(inner);
            }
        }
        return count;
    }

    private static string Child(string path, int index) => $"{path}.layers[{index}]";

    private static string Where(string path) => path.Length == 0 ? "" : path + ": ";
}
