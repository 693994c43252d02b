using Dendrite.Nn.Functional.Pointwise;
using Dendrite.Tensors;

namespace Dendrite.Nn.Functional;

public static partial class F
{
    /// <summary>
    /// Mean absolute error: ℓᵢ = |pᵢ − tᵢ|, reduced Mean (over all elements) / Sum / None. Shapes must match up to
    /// size-1 dimensions (as <see cref="MseLoss"/>). Backward: dp = sign(p − t)·s (0 at equality), dt = −dp.
    /// </summary>
    /// <exception cref="ShapeMismatchException">the shapes differ by more than size-1 dimensions.</exception>
    public static Tensor L1Loss(Tensor prediction, Tensor target, Reduction reduction = Reduction.Mean) =>
        PointwiseLoss("l1_loss", prediction, target, reduction, new L1Op());

    /// <summary>
    /// Huber loss: with d = p − t, ℓ = d²/2 if |d| &lt; δ else δ·(|d| − δ/2) — quadratic near 0, linear (gradient
    /// clipped to ±δ) beyond. Backward dp = (|d| &lt; δ ? d : δ·sign d)·s, dt = −dp. δ must be &gt; 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">δ is not a positive finite number.</exception>
    public static Tensor HuberLoss(Tensor prediction, Tensor target, Reduction reduction = Reduction.Mean, float delta = 1f)
    {
        if (!(delta > 0f) || !float.IsFinite(delta))
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "huber_loss delta must be > 0");
        return PointwiseLoss("huber_loss", prediction, target, reduction, new HuberOp(delta));
    }

    /// <summary>
    /// Smooth L1 loss: with d = p − t, ℓ = d²/(2β) if |d| &lt; β else |d| − β/2 (= Huber(β)/β); β = 0 is plain L1.
    /// Backward dp = (|d| &lt; β ? d/β : sign d)·s, dt = −dp.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">β is negative or not finite.</exception>
    public static Tensor SmoothL1Loss(Tensor prediction, Tensor target, Reduction reduction = Reduction.Mean, float beta = 1f)
    {
        if (!(beta >= 0f) || !float.IsFinite(beta))
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "smooth_l1_loss beta must be ≥ 0");
        return PointwiseLoss("smooth_l1_loss", prediction, target, reduction, new SmoothL1Op(beta));
    }

    /// <summary>
    /// The regression loss <paramref name="kind"/> of <paramref name="prediction"/> against <paramref name="target"/>
    /// (mean over all elements unless <paramref name="reduction"/> says otherwise); <paramref name="delta"/> is
    /// Huber's threshold and is ignored by the others.
    /// </summary>
    public static Tensor RegressionLoss(RegressionLoss kind, Tensor prediction, Tensor target, Reduction reduction = Reduction.Mean,
        float delta = 1f) => kind switch
        {
            Functional.RegressionLoss.Mse => MseLoss(prediction, target, reduction),
            Functional.RegressionLoss.Huber => HuberLoss(prediction, target, reduction, delta),
            Functional.RegressionLoss.L1 => L1Loss(prediction, target, reduction),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown regression loss"),
        };
}
