using Dendrite.Tensors;

namespace Dendrite.Optim;

/// <summary>AdamW (torch.optim.AdamW): p ← p·(1 − lr·wd), then <see cref="AdamRule"/> on the raw gradient.</summary>
public sealed class AdamW : AdamBase
{
    /// <summary>
    /// AdamW over <paramref name="parameters"/> with <paramref name="options"/>; moments (and the AMSGrad maximum)
    /// start at zero.
    /// </summary>
    /// <exception cref="ArgumentNullException">
    /// <paramref name="parameters"/> or <paramref name="options"/> is null.
    /// </exception>
    /// <exception cref="ArgumentException">A parameter is listed twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// An option is out of its range (see <see cref="AdamWOptions"/>).
    /// </exception>
    public AdamW(IEnumerable<Parameter> parameters, AdamWOptions options)
        : base(parameters, (options ?? throw new ArgumentNullException(nameof(options))).LearningRate, options.Beta1,
            options.Beta2, options.Epsilon, options.WeightDecay, options.AmsGrad) => Options = options;

    /// <summary>
    /// The options given at construction; the current step size is <see cref="Optimizer.LearningRate"/>.
    /// </summary>
    public AdamWOptions Options { get; }

    /// <summary>p ← p·(1 − lr·wd), then the <see cref="AdamRule"/> step on this slice with the raw gradient.</summary>
    protected override void Update(int index, int offset, Span<float> param, ReadOnlySpan<float> grad)
    {
        AdamStep(index, offset, param, grad, DecoupledWeightDecay.Factor(LearningRate, Options.WeightDecay));
    }
}
