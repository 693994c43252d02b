using Dendrite.Tensors;

namespace Dendrite.Optim;

/// <summary>AdamW (torch.optim.AdamW): p ← p·(1 − lr·wd), then <see cref="AdamRule"/> on the raw gradient.</summary>
public sealed class AdamW : AdamBase
{
    public AdamW(IEnumerable<Parameter> parameters, AdamWOptions options)
        : base(parameters, (options ?? throw new ArgumentNullException(nameof(options))).LearningRate, options.Beta1,
            options.Beta2, options.Epsilon, options.WeightDecay, options.AmsGrad) => Options = options;

    public AdamWOptions Options { get; }

    protected override void Update(int index, int offset, Span<float> param, ReadOnlySpan<float> grad)
    {
        DecoupledWeightDecay.Apply(param, LearningRate, Options.WeightDecay);
        AdamStep(index, offset, param, grad);
    }
}
