using Dendrite.Tensors;

namespace Dendrite.Optim;

/// <summary>Adam with coupled L2 weight decay (torch.optim.Adam): g ← g + wd·p, then <see cref="AdamRule"/>.</summary>
public sealed class Adam : AdamBase
{
    private readonly WeightDecay _decay;

    /// <summary>
    /// Adam over <paramref name="parameters"/> with <paramref name="options"/>; moments (and the AMSGrad maximum) start
    /// at zero.
    /// </summary>
    /// <exception cref="ArgumentNullException">
    /// <paramref name="parameters"/> or <paramref name="options"/> is null.
    /// </exception>
    /// <exception cref="ArgumentException">A parameter is listed twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// An option is out of its range (see <see cref="AdamOptions"/>).
    /// </exception>
    public Adam(IEnumerable<Parameter> parameters, AdamOptions options)
        : base(parameters, (options ?? throw new ArgumentNullException(nameof(options))).LearningRate, options.Beta1,
            options.Beta2, options.Epsilon, options.WeightDecay, options.AmsGrad)
    {
        Options = options;
        _decay = NewWeightDecay(options.WeightDecay);
    }

    /// <summary>
    /// The options given at construction; the current step size is <see cref="Optimizer.LearningRate"/>.
    /// </summary>
    public AdamOptions Options { get; }

    /// <summary>g ← g + wd·p, then the <see cref="AdamRule"/> step on this slice.</summary>
    protected override void Update(int index, int offset, Span<float> param, ReadOnlySpan<float> grad) =>
        AdamStep(index, offset, param, Decayed(_decay, offset, param, grad));
}
