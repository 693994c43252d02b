using Dendrite.Tensors;

namespace Dendrite.Optim;

/// <summary>Adagrad (torch.optim.Adagrad): coupled weight decay then <see cref="AdagradRule"/>. State per parameter: "sum".</summary>
public sealed class Adagrad : Optimizer
{
    private readonly WeightDecay _decay;
    private readonly float[][] _sum;

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

    public AdagradOptions Options { get; }

    protected override void Update(int index, int offset, Span<float> param, ReadOnlySpan<float> grad) =>
        AdagradRule.Apply(param, Decayed(_decay, offset, param, grad),
            Slice(_sum, index, offset, param.Length), StepCount(index), LearningRate,
            Options.LearningRateDecay, Options.Epsilon, Scratch(0, offset, param.Length));
}
