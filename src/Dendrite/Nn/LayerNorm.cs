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

    public float Eps { get; }

    /// <summary>γ [D], or null without elementwise affine.</summary>
    public Parameter? Weight { get; }

    /// <summary>β [D], or null without elementwise affine.</summary>
    public Parameter? Bias { get; }

    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        OutputShape(input.Shape);
        return F.LayerNorm(input, Weight, Bias, Eps);
    }

    public override int[] OutputShape(ReadOnlySpan<int> inputShape)
    {
        if (inputShape.Length == 0 || inputShape[^1] != NormalizedShape)
            throw new ShapeMismatchException($"{this} expects input [..., {NormalizedShape}], got {Tensor.Format(inputShape)}");
        return inputShape.ToArray();
    }

    protected override IEnumerable<NamedParameter> LocalParameters()
    {
        if (Weight is not null) yield return new NamedParameter("weight", Weight);
        if (Bias is not null) yield return new NamedParameter("bias", Bias);
    }

    /// <inheritdoc/>
    public override LayerConfig ToConfig() => new LayerNormConfig(NormalizedShape, Eps, Weight is not null);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"LayerNorm({NormalizedShape}, eps={Eps}, elementwise_affine={(Weight is null ? "False" : "True")})");
}
