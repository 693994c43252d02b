using Dendrite.Tensors;

namespace Dendrite.Optim;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening and Nesterov look-ahead (PyTorch semantics, see
/// <see cref="SgdOptions"/>), in place on each parameter's data, under NoGrad. Composed of <see cref="WeightDecay"/>,
/// <see cref="Optim.Momentum"/> and <see cref="SgdRule"/>. State: "momentum_buffer" per parameter when μ &gt; 0.
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly WeightDecay _decay;
    private readonly float[][] _velocity = [];

    /// <summary>
    /// SGD over <paramref name="parameters"/> with <paramref name="options"/>; allocates the momentum buffers (zeros)
    /// when μ &gt; 0.
    /// </summary>
    /// <exception cref="ArgumentNullException">
    /// <paramref name="parameters"/> or <paramref name="options"/> is null.
    /// </exception>
    /// <exception cref="ArgumentException">A parameter is listed twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// An option is out of its range (see <see cref="SgdOptions"/>), or Nesterov is set without μ &gt; 0 and
    /// dampening 0.
    /// </exception>
    public Sgd(IEnumerable<Parameter> parameters, SgdOptions options)
        : base(parameters, (options ?? throw new ArgumentNullException(nameof(options))).LearningRate)
    {
        OptionCheck.NonNegative(options.WeightDecay, "WeightDecay");
        OptionCheck.UnitInterval(options.Momentum, "Momentum");
        OptionCheck.ClosedUnitInterval(options.Dampening, "Dampening");
        if (options.Nesterov && (options.Momentum <= 0f || options.Dampening != 0f))
            OptionCheck.Fail(options.Momentum, "Nesterov", "requires Momentum > 0 and Dampening = 0");
        Options = options;
        _decay = NewWeightDecay(options.WeightDecay);
        if (options.Momentum != 0f) _velocity = AddStateBuffer("momentum_buffer");
        if (options.Nesterov) ReserveScratch(1);
    }

    /// <summary>The options given at construction; the current step size is <see cref="Optimizer.LearningRate"/>.</summary>
    public SgdOptions Options { get; }

    /// <summary>
    /// g ← g + wd·p; with momentum, buf ← g on the parameter's first step, else μ·buf + (1 − dampening)·g, and
    /// d = g + μ·buf (Nesterov) or buf; without momentum d = g; then p ← p − lr·d.
    /// </summary>
    protected override void Update(int index, int offset, Span<float> param, ReadOnlySpan<float> grad)
    {
        ReadOnlySpan<float> g = Decayed(_decay, offset, param, grad);
        if (Options.Momentum == 0f)
        {
            SgdRule.Apply(param, g, LearningRate);
            return;
        }
        Span<float> velocity = Slice(_velocity, index, offset, param.Length);
        Momentum.Accumulate(velocity, g, Options.Momentum, Options.Dampening, firstStep: StepCount(index) == 1);
        if (!Options.Nesterov)
        {
            SgdRule.Apply(param, velocity, LearningRate);
            return;
        }
        Span<float> direction = Scratch(0, offset, param.Length);
        Momentum.NesterovDirection(g, velocity, Options.Momentum, direction);
        SgdRule.Apply(param, direction, LearningRate);
    }
}
