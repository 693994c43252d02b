using Dendrite.Random;

namespace Dendrite.Nn.Configs;

/// <summary>
/// A layer described as data, in the spirit of Burn's per-layer <c>Config</c>: a small typed record per library
/// layer (<see cref="LinearConfig"/>, <see cref="BatchNorm1dConfig"/>, <see cref="LayerNormConfig"/>,
/// <see cref="DropoutConfig"/>, <see cref="ActivationConfig"/>, <see cref="FlattenConfig"/>, and
/// <see cref="SequentialConfig"/> for containers). <see cref="Module.ToConfig"/> describes a live module,
/// <see cref="Build"/> makes one, and <see cref="LayerConfigJson"/> stores it. A description is checked with
/// <see cref="Validate"/> (sizes and limits, without allocating anything) before a loader builds it, and
/// <see cref="StateShapes"/> says which tensors of which shapes the built module will hold, so a file's tensors can
/// be compared with its description before any of them is read.
/// </summary>
public abstract record LayerConfig
{
    /// <summary>The "type" tag of the JSON form ("linear", "batchnorm1d", …).</summary>
    public abstract string Type { get; }

    /// <summary>A new module; <paramref name="rng"/> draws PyTorch's default initialization and dropout streams.</summary>
    public abstract Module Build(Rng rng);

    /// <summary>
    /// Throws <see cref="ModelConfigException"/> naming <paramref name="path"/> (e.g. "layers[2]") when a size or
    /// setting is invalid or beyond <paramref name="limits"/>. Allocates nothing.
    /// </summary>
    public abstract void Validate(ModelLimits limits, string path);

    /// <summary>
    /// The feature width after this layer for <paramref name="width"/> input features (null: unknown, as for the
    /// input of a leading Flatten), or a <see cref="ModelConfigException"/> naming <paramref name="path"/> when the
    /// layer cannot take that width.
    /// </summary>
    public abstract long? OutputWidth(long? width, string path);

    /// <summary>
    /// The features per sample the layer takes when it fixes them (Linear's in_features, a norm's width), or null
    /// when any width passes (activations, dropout, flatten). For a Sequential, the first layer that fixes one.
    /// </summary>
    public virtual int? InputWidth => null;

    /// <summary>The parameters and buffers the built layer holds: local names ("weight") and shapes, in state-dict order.</summary>
    public abstract IEnumerable<StateShape> StateShapes();
}
