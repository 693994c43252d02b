using Dendrite.Tensors;

namespace Dendrite.Optim;

/// <summary>
/// Stochastic gradient descent: p ← p − lr·(g + wd·p), in place on each parameter's data, under NoGrad.
/// Composed of <see cref="WeightDecay"/> and <see cref="SgdRule"/>.
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly WeightDecay _decay;

    public Sgd(IEnumerable<Parameter> parameters, SgdOptions options) : base(parameters)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!float.IsFinite(options.LearningRate) || options.LearningRate <= 0f)
            throw new ArgumentOutOfRangeException(nameof(options), options.LearningRate, "learning rate must be finite and > 0");
        Options = options;
        _decay = new WeightDecay(options.WeightDecay);
    }

    public SgdOptions Options { get; }

    protected override void Update(int index, Span<float> param, ReadOnlySpan<float> grad) =>
        SgdRule.Apply(param, _decay.EffectiveGradient(param, grad), Options.LearningRate);
}
