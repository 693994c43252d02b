using Dendrite.Nn.Functional;

namespace Dendrite.Nn.Fused;

/// <summary>
/// What a fused training step measures its outputs against: class labels for softmax cross-entropy (optionally
/// weighted per class, PyTorch's <c>weight</c>: the mean becomes Σ wᵧ·ℓᵢ / Σ wᵧ), or float targets [batch, outputs]
/// for a regression loss. Built with <see cref="Classes"/> or <see cref="Values"/>.
/// </summary>
public readonly ref struct LossTargets
{
    private LossTargets(ReadOnlySpan<int> labels, ReadOnlySpan<float> classWeights, ReadOnlySpan<float> values, RegressionLoss loss,
        float delta, bool isRegression)
    {
        Labels = labels;
        ClassWeights = classWeights;
        Values = values;
        Loss = loss;
        Delta = delta;
        IsRegression = isRegression;
    }

    /// <summary>Class indices, one per sample (classification).</summary>
    public ReadOnlySpan<int> Labels { get; }

    /// <summary>A weight per class, or empty for the plain mean (classification).</summary>
    public ReadOnlySpan<float> ClassWeights { get; }

    /// <summary>Targets [batch, outputs] row-major (regression).</summary>
    public ReadOnlySpan<float> Values { get; }

    /// <summary>The regression loss.</summary>
    public RegressionLoss Loss { get; }

    /// <summary>Huber's δ.</summary>
    public float Delta { get; }

    /// <summary>True for float targets, false for class labels.</summary>
    public bool IsRegression { get; }

    /// <summary>Softmax cross-entropy against <paramref name="labels"/>, weighted by <paramref name="classWeights"/> when not empty.</summary>
    public static LossTargets Classes(ReadOnlySpan<int> labels, ReadOnlySpan<float> classWeights = default) =>
        new(labels, classWeights, default, default, 0f, false);

    /// <summary><paramref name="loss"/> against <paramref name="values"/> [batch, outputs]; <paramref name="delta"/> is Huber's threshold.</summary>
    public static LossTargets Regression(ReadOnlySpan<float> values, RegressionLoss loss, float delta = 1f) =>
        new(default, default, values, loss, delta, true);
}
