using Dendrite.Init;

namespace Dendrite.Training;

/// <summary>
/// An MLP classifier: Flatten, then Linear(Inputs → Hidden[0]), activation, …, Linear(→ Classes).
/// An empty <see cref="Hidden"/> list gives softmax regression (a single Linear layer).
/// </summary>
/// <param name="Inputs">Features per sample (784 for Fashion-MNIST).</param>
/// <param name="Hidden">Hidden layer widths, in order.</param>
/// <param name="Classes">Number of output logits.</param>
/// <param name="Activation">Nonlinearity after every hidden layer.</param>
/// <param name="Init">Initialization of every Linear layer.</param>
/// <param name="ActivationName">
/// Any <see cref="Nn.ActivationRegistry"/> name ("gelu", "swiglu", …); when set it replaces <paramref name="Activation"/>.
/// A gated activation halves the width, so the Linear before it produces twice the hidden width.
/// </param>
/// <param name="Dropout">Dropout probability after every hidden activation, in [0, 1); 0 adds no Dropout layer.</param>
/// <param name="BatchNorm">BatchNorm1d after every hidden Linear, before its activation.</param>
public sealed record MlpSpec(int Inputs, IReadOnlyList<int> Hidden, int Classes, ActivationKind Activation, LinearInit Init,
    string? ActivationName = null, float Dropout = 0f, bool BatchNorm = false)
{
    /// <summary>The activation's registry name: <see cref="ActivationName"/>, or the enum's lowercase name.</summary>
    public string ActivationLabel => ActivationName ?? Activation.ToString().ToLowerInvariant();

    /// <summary>The d2l reference MLP: 784-256-10, ReLU, W ~ N(0, 0.01²), b = 0.</summary>
    public static MlpSpec D2lDefault { get; } = new(784, [256], 10, ActivationKind.Relu, LinearInit.Normal(0.01f));

    /// <summary>Layer widths from input to output, e.g. "784-256-10".</summary>
    public string Describe() => string.Join("-", new[] { Inputs }.Concat(Hidden).Append(Classes));

    /// <summary>Throws <see cref="DendriteException"/> when a size is not positive.</summary>
    public void Validate()
    {
        if (Inputs <= 0) throw new DendriteException($"MLP input size must be > 0, got {Inputs}");
        if (Classes <= 0) throw new DendriteException($"MLP class count must be > 0, got {Classes}");
        ArgumentNullException.ThrowIfNull(Hidden);
        ArgumentNullException.ThrowIfNull(Init);
        foreach (int h in Hidden)
            if (h <= 0) throw new DendriteException($"hidden layer sizes must be > 0, got {h} in {Describe()}");
        if (!(Dropout >= 0f && Dropout < 1f)) throw new DendriteException($"dropout must be in [0, 1), got {Dropout}");
        if (ActivationName is not null && !Nn.ActivationRegistry.TryGet(ActivationName, out _))
            throw new DendriteException($"unknown activation '{ActivationName}'; expected one of {string.Join(", ", Nn.ActivationRegistry.Names)}");
    }
}
