using System.Globalization;
using Dendrite.Init;
using Dendrite.Random;

namespace Dendrite.Nn.Configs;

/// <summary>
/// An MLP recipe: Flatten, then for every hidden width h a Linear (to 2h before a gated activation, which halves it),
/// BatchNorm1d when <see cref="BatchNorm"/>, the activation, Dropout when <see cref="Dropout"/> &gt; 0; then the output
/// Linear. An empty <see cref="Hidden"/> list gives linear (softmax) regression. <see cref="Inputs"/> and
/// <see cref="Outputs"/> of 0 mean "taken from the data" (<see cref="ForData"/>).
/// </summary>
/// <param name="Inputs">Features per sample (784 for Fashion-MNIST), or 0 before the data is known.</param>
/// <param name="Hidden">Hidden layer widths, in order.</param>
/// <param name="Outputs">Logits (classes) or regression outputs, or 0 before the data is known.</param>
/// <param name="Activation">Any <see cref="ActivationRegistry"/> name, with default parameters.</param>
/// <param name="Init">Initialization of every Linear layer (null: PyTorch's default).</param>
/// <param name="Dropout">Dropout probability after every hidden activation, in [0, 1); 0 adds no Dropout layer.</param>
/// <param name="BatchNorm">BatchNorm1d after every hidden Linear, before its activation.</param>
public sealed record MlpSpec(int Inputs, IReadOnlyList<int> Hidden, int Outputs, string Activation = "relu", LinearInit? Init = null,
    float Dropout = 0f, bool BatchNorm = false)
{
    /// <summary>The d2l reference MLP: 784-256-10, ReLU, W ~ N(0, 0.01²), b = 0.</summary>
    public static MlpSpec D2lDefault { get; } = new(784, [256], 10, "relu", LinearInit.Normal(0.01f));

    /// <summary>The initialization scheme, PyTorch's default when <see cref="Init"/> is null.</summary>
    public LinearInit InitScheme => Init ?? LinearInit.Default;

    /// <summary>The same recipe for <paramref name="inputs"/> features and <paramref name="outputs"/> outputs.</summary>
    public MlpSpec ForData(int inputs, int outputs) => this with { Inputs = inputs, Outputs = outputs };

    /// <summary>Layer widths from input to output, e.g. "784-256-10".</summary>
    public string Describe() => string.Join("-", new[] { Inputs }.Concat(Hidden).Append(Outputs));

    /// <summary>
    /// Throws <see cref="ModelConfigException"/> when a size is not positive or beyond <paramref name="limits"/> (a
    /// width, a weight matrix, the whole model), the activation is unknown or dropout is out of range. Allocates
    /// nothing, so a huge recipe (from an option or a file) is refused before anything is built.
    /// </summary>
    public void Validate(ModelLimits? limits = null)
    {
        limits ??= ModelLimits.Default;
        ArgumentNullException.ThrowIfNull(Hidden);
        if (Hidden.Count > limits.MaxLayers) throw new ModelConfigException($"{Hidden.Count} hidden layers, more than {limits.MaxLayers}");
        foreach (int h in Hidden)
            if (h < 1 || h > limits.MaxWidth)
                throw new ModelConfigException(string.Create(CultureInfo.InvariantCulture, $"hidden layer widths must be from 1 to {limits.MaxWidth}, got {h}"));
        if (!(Dropout >= 0f && Dropout < 1f)) throw new ModelConfigException($"dropout must be in [0, 1), got {Dropout}");
        if (!ActivationRegistry.TryGet(Activation, out _))
            throw new ModelConfigException($"unknown activation '{Activation}'; expected one of {string.Join(", ", ActivationRegistry.Names)}");
        if (Inputs < 0 || Outputs < 0) throw new ModelConfigException($"inputs and outputs must be ≥ 0, got {Inputs} and {Outputs}");
        // The weights between hidden layers are known before the data is: bound them now, so a recipe given as an
        // option fails at once rather than when the data has been loaded.
        bool gated = ActivationRegistry.Get(Activation).IsGated;
        for (int i = 1; i < Hidden.Count; i++)
        {
            long elements = (long)Hidden[i - 1] * Hidden[i] * (gated ? 2 : 1);
            if (elements > limits.MaxTensorElements)
                throw new ModelConfigException(string.Create(CultureInfo.InvariantCulture,
                    $"hidden layers {Hidden[i - 1]} and {Hidden[i]} need a weight of {elements:N0} values, more than the limit of {limits.MaxTensorElements:N0}"));
        }
        if (Inputs > 0 && Outputs > 0) ToConfig().Validate(limits, "model");
    }

    /// <summary>The layers this recipe builds, as data (inputs and outputs must be known).</summary>
    public SequentialConfig ToConfig()
    {
        if (Inputs <= 0 || Outputs <= 0) throw new InvalidOperationException("the inputs and outputs are not known yet; call ForData first");
        ActivationInfo info = ActivationRegistry.Get(Activation);
        var defaults = info.Parameters.ToDictionary(p => p.Name, p => p.Default, StringComparer.Ordinal);
        var layers = new List<LayerConfig> { new FlattenConfig() };
        int width = Inputs;
        foreach (int h in Hidden)
        {
            // A gated activation halves its input, so the Linear produces 2·h to leave h features.
            int linearOut = info.IsGated ? checked(2 * h) : h;
            layers.Add(new LinearConfig(width, linearOut));
            if (BatchNorm) layers.Add(new BatchNorm1dConfig(linearOut));
            layers.Add(new ActivationConfig(info.Name, defaults));
            if (Dropout > 0f) layers.Add(new DropoutConfig(Dropout));
            width = h;
        }
        layers.Add(new LinearConfig(width, Outputs));
        return new SequentialConfig(layers);
    }

    /// <summary>
    /// Builds the model, initialized from <paramref name="rng"/>: layers are constructed in order (drawing PyTorch's
    /// default init), then <see cref="InitScheme"/> is applied to every Linear layer in order. Dropout masks come from
    /// <paramref name="dropoutRng"/> (one fork per Dropout layer); when it is null and the recipe has dropout, a stream
    /// is forked from <paramref name="rng"/> after all initialization draws, so adding dropout never changes the
    /// initial weights. The same seed always gives the same weights.
    /// </summary>
    public Sequential Build(Rng rng, Rng? dropoutRng = null)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Validate();
        SequentialConfig config = ToConfig();
        // Every layer but Dropout is built first, drawing init in order; the dropout stream is forked after init.
        var layers = new Module?[config.Layers.Count];
        for (int i = 0; i < layers.Length; i++)
            if (config.Layers[i] is not DropoutConfig) layers[i] = config.Layers[i].Build(rng);
        if (InitScheme is not LinearInit.DefaultInit) InitScheme.ApplyTo(new Sequential([.. layers.OfType<Linear>()]), rng);
        Rng? stream = null;
        for (int i = 0; i < layers.Length; i++)
            if (config.Layers[i] is DropoutConfig d) layers[i] = new Nn.Dropout(d.P, (stream ??= dropoutRng ?? rng.Fork()).Fork());
        return new Sequential([.. layers!]);
    }
}
