using Dendrite.Tensors;

namespace Dendrite.Optim;

/// <summary>
/// State and hyper-parameters shared by <see cref="Adam"/> and <see cref="AdamW"/>, which differ only in where
/// weight decay enters. State per parameter: "exp_avg", "exp_avg_sq" and, with AMSGrad, "max_exp_avg_sq".
/// </summary>
public abstract class AdamBase : Optimizer
{
    private readonly float[][] _expAvg;
    private readonly float[][] _expAvgSq;
    private readonly float[][]? _maxExpAvgSq;
    private readonly float _beta1, _beta2, _epsilon;

    private protected AdamBase(IEnumerable<Parameter> parameters, float learningRate, float beta1, float beta2, float epsilon,
        float weightDecay, bool amsGrad) : base(parameters, learningRate)
    {
        OptionCheck.UnitInterval(beta1, "Beta1");
        OptionCheck.UnitInterval(beta2, "Beta2");
        OptionCheck.Positive(epsilon, "Epsilon");
        OptionCheck.NonNegative(weightDecay, "WeightDecay");
        (_beta1, _beta2, _epsilon) = (beta1, beta2, epsilon);
        _expAvg = AddStateBuffer("exp_avg");
        _expAvgSq = AddStateBuffer("exp_avg_sq");
        if (amsGrad) _maxExpAvgSq = AddStateBuffer("max_exp_avg_sq");
        ReserveScratch(1);
    }

    /// <summary>
    /// Runs <see cref="AdamRule"/> on parameter <paramref name="index"/> with its own state, the parameter first
    /// scaled by <paramref name="paramScale"/> in the same pass (AdamW's decoupled decay; 1 for none).
    /// </summary>
    private protected void AdamStep(int index, int offset, Span<float> param, ReadOnlySpan<float> grad, float paramScale = 1f) =>
        AdamRule.Apply(param, grad, Slice(_expAvg, index, offset, param.Length), Slice(_expAvgSq, index, offset, param.Length),
            _maxExpAvgSq is null ? [] : Slice(_maxExpAvgSq, index, offset, param.Length),
            StepCount(index), LearningRate, _beta1, _beta2, _epsilon, Scratch(0, offset, param.Length), paramScale);
}
