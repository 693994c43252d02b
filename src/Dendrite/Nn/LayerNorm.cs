using System.Globalization;
using Dendrite.Nn.Configs;
using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// Layer normalization over the last dimension (<see cref="F.LayerNorm"/>): input [..., D], same shape out.
/// Uses the same statistics in training and evaluation. Parameters "weight" (γ, ones) and "bias" (β, zeros)
/// when <c>elementwiseAffine</c>.
/// </summary>
public sealed class LayerNorm : Module
{
    /// <summary>
    /// A layer normalizing the last dimension of size <paramref name="normalizedShape"/>, with γ = 1, β = 0.
    /// </summary>
    /// <param name="normalizedShape">
    /// D, the size of the last input dimension (torch's normalized_shape, one dimension).
    /// </param>
    /// <param name="eps">ε added to each row's variance before the square root (default 1e-5, as PyTorch).</param>
    /// <param name="elementwiseAffine">Whether to learn γ and β [D] ("weight", "bias"); without them y = x̂.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="normalizedShape"/> ≤ 0, or <paramref name="eps"/> ≤ 0 or NaN.
    /// </exception>
    public LayerNorm(int normalizedShape, float eps = 1e-5f, bool elementwiseAffine = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(normalizedShape);
        if (!(eps > 0f)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be > 0");
        NormalizedShape = normalizedShape;
        Eps = eps;
        Weight = elementwiseAffine ? new Parameter(Enumerable.Repeat(1f, normalizedShape).ToArray(), normalizedShape) : null;
        Bias = elementwiseAffine ? new Parameter(new float[normalizedShape], normalizedShape) : null;
    }

    /// <summary>D, the size of the normalized last dimension.</summary>
    public int NormalizedShape { get; }

    /// <summary>ε in x̂ = (x − μ)/√(σ² + ε); keeps a constant row (σ² = 0) finite.</summary>
    public float Eps { get; }

    /// <summary>γ [D], or null without elementwise affine.</summary>
    public Parameter? Weight { get; }

    /// <summary>β [D], or null without elementwise affine.</summary>
    public Parameter? Bias { get; }

    /// <summary>
    /// y = γ⊙(x − μ)/√(σ² + ε) + β with μ, σ² (biased) over each row of the last dimension; x [..., D] → same shape
    /// (<see cref="F.LayerNorm"/>). Training and evaluation compute the same thing.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ShapeMismatchException">
    /// The last dimension of <paramref name="input"/> is not D (or it is 0-d).
    /// </exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        OutputShape(input.Shape);
        return F.LayerNorm(input, Weight, Bias, Eps);
    }

    /// <summary>The input shape itself, which must end in D.</summary>
    /// <exception cref="ShapeMismatchException">
    /// <paramref name="inputShape"/> is empty or does not end in D.
    /// </exception>
    public override int[] OutputShape(ReadOnlySpan<int> inputShape)
    {
        if (inputShape.Length == 0 || inputShape[^1] != NormalizedShape)
            throw new ShapeMismatchException($"{this} expects input [..., {NormalizedShape}], got {Tensor.Format(inputShape)}");
        return inputShape.ToArray();
    }

    /// <summary>"weight" (γ) and "bias" (β), both [D], with elementwise affine; none otherwise.</summary>
    protected override IEnumerable<NamedParameter> LocalParameters()
    {
        if (Weight is not null) yield return new NamedParameter("weight", Weight);
        if (Bias is not null) yield return new NamedParameter("bias", Bias);
    }

    /// <inheritdoc/>
    public override LayerConfig ToConfig() => new LayerNormConfig(NormalizedShape, Eps, Weight is not null);

    /// <summary>
    /// PyTorch-like text, invariant culture, e.g. "LayerNorm(512, eps=1E-05, elementwise_affine=True)".
    /// </summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"LayerNorm({NormalizedShape}, eps={Eps}, elementwise_affine={(Weight is null ? "False" : "True")})");
}
