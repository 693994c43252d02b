using Dendrite.Nn.Functional.Pointwise;
using Dendrite.Tensors;

namespace Dendrite.Nn.Functional;

public static partial class F
{
    /// <summary>
    /// Binary cross-entropy of probabilities p ∈ [0, 1] against targets t (usually 0/1, soft targets allowed):
    /// ℓ = −w·(t·max(ln p, −100) + (1 − t)·max(ln(1 − p), −100)) — the clamp at −100 is PyTorch's, so p = 0 or 1
    /// give a finite loss. Prefer <see cref="BinaryCrossEntropyWithLogits"/> after a sigmoid: it is stable.
    /// Backward dp = w·(p − t)/max(p(1 − p), 1e-12)·s, dt = −w·(max(ln p, −100) − max(ln(1 − p), −100))·s.
    /// <paramref name="weight"/> has the input's shape or one value per last-dimension column. Mean divides by the
    /// element count (weights do not change it).
    /// </summary>
    /// <exception cref="ShapeMismatchException">shapes do not match.</exception>
    /// <exception cref="ArgumentOutOfRangeException">a probability lies outside [0, 1].</exception>
    public static Tensor BinaryCrossEntropy(Tensor probabilities, Tensor target, Reduction reduction = Reduction.Mean, Tensor? weight = null)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        float[] p = probabilities.Data;
        for (int i = 0; i < p.Length; i++)
        {
            if (!(p[i] >= 0f && p[i] <= 1f))
                throw new ArgumentOutOfRangeException(nameof(probabilities),
                    $"binary_cross_entropy needs probabilities in [0, 1]; element {i} of {probabilities.ShapeString} is {p[i]}");
        }
        return PointwiseLoss("binary_cross_entropy", probabilities, target, reduction,
            new BceOp(ElementWeights("binary_cross_entropy weight", weight, probabilities)));
    }

    /// <summary>
    /// Binary cross-entropy on logits x (sigmoid fused in), stable for any |x|:
    /// ℓ = w·((1 − t)·x + l·(max(−x, 0) + ln(1 + e^−|x|))), l = 1 + (pw − 1)·t; without pos_weight that is
    /// max(x, 0) − x·t + ln(1 + e^−|x|). <paramref name="posWeight"/> (pw, usually [C] for C outputs) scales the
    /// positive term: pw &gt; 1 raises recall. Backward dx = w·((1 − t) − l·σ(−x))·s (= w·(σ(x) − t)·s without pw),
    /// dt = w·(−x + (pw − 1)·softplus(−x))·s. Weights have the input's shape or one value per last-dim column.
    /// </summary>
    /// <exception cref="ShapeMismatchException">shapes do not match.</exception>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor target, Reduction reduction = Reduction.Mean,
        Tensor? weight = null, Tensor? posWeight = null)
    {
        ArgumentNullException.ThrowIfNull(logits);
        return PointwiseLoss("binary_cross_entropy_with_logits", logits, target, reduction,
            new BceWithLogitsOp(ElementWeights("bce_with_logits weight", weight, logits),
                ElementWeights("bce_with_logits pos_weight", posWeight, logits)));
    }
}
