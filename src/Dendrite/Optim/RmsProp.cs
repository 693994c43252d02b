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

    public RmsProp(IEnumerable<Parameter> parameters, RmsPropOptions options)
        : base(parameters, (options ?? throw new ArgumentNullException(nameof(options))).LearningRate)
    {
        OptionCheck.UnitInterval(options.Alpha, "Alpha");
        OptionCheck.Positive(options.Epsilon, "Epsilon");
        OptionCheck.NonNegative(options.WeightDecay, "WeightDecay");
        OptionCheck.UnitInterval(options.Momentum, "Momentum");
        Options = options;
        _decay = new WeightDecay(options.WeightDecay);
        _squareAverage = AddStateBuffer("square_avg");
        if (options.Momentum > 0f) _momentum = AddStateBuffer("momentum_buffer");
        if (options.Centered) _gradAverage = AddStateBuffer("grad_avg");
        ReserveScratch(1);
    }

    public RmsPropOptions Options { get; }

    protected override void Update(int index, Span<float> param, ReadOnlySpan<float> grad) =>
        RmsPropRule.Apply(param, _decay.EffectiveGradient(param, grad), _squareAverage[index],
            _gradAverage is null ? [] : _gradAverage[index], _momentum is null ? [] : _momentum[index], StepCount(index) == 1,
            LearningRate, Options.Alpha, Options.Epsilon, Options.Momentum, Scratch(0, param.Length));
}
