using Dendrite.Tensors;

namespace Dendrite.Optim;

/// <summary>Adagrad (torch.optim.Adagrad): coupled weight decay then <see cref="AdagradRule"/>. State per parameter: "sum".</summary>
public sealed class Adagrad : Optimizer
{
    private readonly WeightDecay _decay;
    private readonly float[][] _sum;

    /// <summary>
    /// Adagrad over <paramref name="parameters"/> with <paramref name="options"/>; the sums of squares start at
    /// <see cref="AdagradOptions.InitialAccumulatorValue"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException">
    /// <paramref name="parameters"/> or <paramref name="options"/> is null.
    /// </exception>
    /// <exception cref="ArgumentException">A parameter is listed twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// An option is out of its range (see <see cref="AdagradOptions"/>).
    /// </exception>
    public Adagrad(IEnumerable<Parameter> parameters, AdagradOptions options)
        : base(parameters, (options ?? throw new ArgumentNullException(nameof(options))).LearningRate)
    {
        OptionCheck.NonNegative(options.LearningRateDecay, "LearningRateDecay");
        OptionCheck.NonNegative(options.WeightDecay, "WeightDecay");
        OptionCheck.NonNegative(options.InitialAccumulatorValue, "InitialAccumulatorValue");
        OptionCheck.Positive(options.Epsilon, "Epsilon");
        Options = options;
        _decay = NewWeightDecay(options.WeightDecay);
        _sum = AddStateBuffer("sum", options.InitialAccumulatorValue);
        ReserveScratch(1);
    }

    /// <summary>
    /// The options given at construction; the current step size is <see cref="Optimizer.LearningRate"/>.
    /// </summary>
    public AdagradOptions Options { get; }

    /// <summary>g ← g + wd·p, then the <see cref="AdagradRule"/> step on this slice.</summary>
    protected override void Update(int index, int offset, Span<float> param, ReadOnlySpan<float> grad) =>
        AdagradRule.Apply(param, Decayed(_decay, offset, param, grad),
            Slice(_sum, index, offset, param.Length), StepCount(index), LearningRate,
            Options.LearningRateDecay, Options.Epsilon, Scratch(0, offset, param.Length));
}
