using Dendrite.Tensors;

namespace Dendrite.Optim;

/// <summary>
/// RMSprop (torch.optim.RMSprop): coupled weight decay then <see cref="RmsPropRule"/>. State per parameter:
/// "square_avg", plus "momentum_buffer" when μ &gt; 0 and "grad_avg" when centered.
/// </summary>
public sealed class RmsProp : Optimizer
{
    private readonly WeightDecay _decay;
    private readonly float[][] _squareAverage;
    private readonly float[][]? _gradAverage;
    private readonly float[][]? _momentum;

    /// <summary>
    /// RMSprop over <paramref name="parameters"/> with <paramref name="options"/>; the square average (and the momentum
    /// buffer and gradient average when enabled) start at zero.
    /// </summary>
    /// <exception cref="ArgumentNullException">
    /// <paramref name="parameters"/> or <paramref name="options"/> is null.
    /// </exception>
    /// <exception cref="ArgumentException">A parameter is listed twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// An option is out of its range (see <see cref="RmsPropOptions"/>).
    /// </exception>
    public RmsProp(IEnumerable<Parameter> parameters, RmsPropOptions options)
        : base(parameters, (options ?? throw new ArgumentNullException(nameof(options))).LearningRate)
    {
        OptionCheck.UnitInterval(options.Alpha, "Alpha");
        OptionCheck.Positive(options.Epsilon, "Epsilon");
        OptionCheck.NonNegative(options.WeightDecay, "WeightDecay");
        OptionCheck.UnitInterval(options.Momentum, "Momentum");
        Options = options;
        _decay = NewWeightDecay(options.WeightDecay);
        _squareAverage = AddStateBuffer("square_avg");
        if (options.Momentum > 0f) _momentum = AddStateBuffer("momentum_buffer");
        if (options.Centered) _gradAverage = AddStateBuffer("grad_avg");
        ReserveScratch(1);
    }

    /// <summary>
    /// The options given at construction; the current step size is <see cref="Optimizer.LearningRate"/>.
    /// </summary>
    public RmsPropOptions Options { get; }

    /// <summary>g ← g + wd·p, then the <see cref="RmsPropRule"/> step on this slice.</summary>
    protected override void Update(int index, int offset, Span<float> param, ReadOnlySpan<float> grad) =>
        RmsPropRule.Apply(param, Decayed(_decay, offset, param, grad),
            Slice(_squareAverage, index, offset, param.Length),
            _gradAverage is null ? [] : Slice(_gradAverage, index, offset, param.Length),
            _momentum is null ? [] : Slice(_momentum, index, offset, param.Length), StepCount(index) == 1,
            LearningRate, Options.Alpha, Options.Epsilon, Options.Momentum, Scratch(0, offset, param.Length));
}
