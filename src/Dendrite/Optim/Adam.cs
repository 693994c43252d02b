using Dendrite.Tensors;

namespace Dendrite.Optim;

/// <summary>Adam with coupled L2 weight decay (torch.optim.Adam): g ← g + wd·p, then <see cref="AdamRule"/>.</summary>
public sealed class Adam : AdamBase
{
    private readonly WeightDecay _decay;

    public Adam(IEnumerable<Parameter> parameters, AdamOptions options)
        : base(parameters, (options ?? throw new ArgumentNullException(nameof(options))).LearningRate, options.Beta1,
            options.Beta2, options.Epsilon, options.WeightDecay, options.AmsGrad)
    {
        Options = options;
        _decay = NewWeightDecay(options.WeightDecay);
    }

    public AdamOptions Options { get; }

    protected override void Update(int index, int offset, Span<float> param, ReadOnlySpan<float> grad) =>
        AdamStep(index, offset, param, Decayed(_decay, offset, param, grad));
}
