using Dendrite.Tensors;

namespace Dendrite.Optim;

/// <summary>
/// Adadelta (torch.optim.Adadelta): coupled weight decay then <see cref="AdadeltaRule"/>. State per parameter:
/// "square_avg" and "acc_delta".
/// </summary>
public sealed class Adadelta : Optimizer
{
    private readonly WeightDecay _decay;
    private readonly float[][] _squareAverage;
    private readonly float[][] _accumulatedDelta;

    /// <summary>
    /// Adadelta over <paramref name="parameters"/> with <paramref name="options"/>; both averages start at zero.
    /// </summary>
    /// <exception cref="ArgumentNullException">
    /// <paramref name="parameters"/> or <paramref name="options"/> is null.
    /// </exception>
    /// <exception cref="ArgumentException">A parameter is listed twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// An option is out of its range (see <see cref="AdadeltaOptions"/>).
    /// </exception>
    public Adadelta(IEnumerable<Parameter> parameters, AdadeltaOptions options)
        : base(parameters, (options ?? throw new ArgumentNullException(nameof(options))).LearningRate)
    {
        OptionCheck.UnitInterval(options.Rho, "Rho");
        OptionCheck.Positive(options.Epsilon, "Epsilon");
        OptionCheck.NonNegative(options.WeightDecay, "WeightDecay");
        Options = options;
        _decay = NewWeightDecay(options.WeightDecay);
        _squareAverage = AddStateBuffer("square_avg");
        _accumulatedDelta = AddStateBuffer("acc_delta");
        ReserveScratch(2);
    }

    /// <summary>
    /// The options given at construction; the current step size is <see cref="Optimizer.LearningRate"/>.
    /// </summary>
    public AdadeltaOptions Options { get; }

    /// <summary>g ← g + wd·p, then the <see cref="AdadeltaRule"/> step on this slice.</summary>
    protected override void Update(int index, int offset, Span<float> param, ReadOnlySpan<float> grad) =>
        AdadeltaRule.Apply(param, Decayed(_decay, offset, param, grad),
            Slice(_squareAverage, index, offset, param.Length), Slice(_accumulatedDelta, index, offset, param.Length),
            LearningRate, Options.Rho, Options.Epsilon, Scratch(0, offset, param.Length), Scratch(1, offset, param.Length));
}
