using Dendrite.Init;
using Dendrite.Nn.Configs;
using Dendrite.Nn.Functional;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// Affine layer y = x · Wᵀ + b, x [batch, in] → y [batch, out].
/// <see cref="Weight"/> is stored [out, in] (PyTorch's layout, so row j holds the weights of output j and
/// checkpoints map one-to-one onto torch.nn.Linear); <see cref="Bias"/> is [out].
/// Default initialization matches torch.nn.Linear: every weight and bias ~ U(−1/√in, 1/√in).
/// </summary>
public sealed class Linear : Module
{
    /// <summary>Creates the layer and initializes it with <see cref="ResetParameters"/> drawing from <paramref name="rng"/>.</summary>
    public Linear(int inFeatures, int outFeatures, Rng rng, bool bias = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        ArgumentNullException.ThrowIfNull(rng);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = new Parameter(new float[checked(outFeatures * inFeatures)], outFeatures, inFeatures);
        Bias = bias ? new Parameter(new float[outFeatures], outFeatures) : null;
        ResetParameters(rng);
    }

    /// <summary>in: the width of each input row and the second dimension of <see cref="Weight"/> (≥ 1).</summary>
    public int InFeatures { get; }

    /// <summary>out: the width of each output row and the first dimension of <see cref="Weight"/> (≥ 1).</summary>
    public int OutFeatures { get; }

    /// <summary>[out, in].</summary>
    public Parameter Weight { get; }

    /// <summary>[out], or null for a layer without bias.</summary>
    public Parameter? Bias { get; }

    /// <summary>
    /// Redraws the default initialization: W and b ~ U(−k, k) with k = 1/√in (weight first, then bias, row-major).
    /// This is what PyTorch's kaiming_uniform_(a=√5) reduces to for a linear layer.
    /// </summary>
    public void ResetParameters(Rng rng)
    {
        float bound = 1f / MathF.Sqrt(InFeatures);
        Initializers.Uniform(Weight, rng, -bound, bound);
        if (Bias is not null) Initializers.Uniform(Bias, rng, -bound, bound);
    }

    /// <summary>y = x · Wᵀ + b, x [batch, in] → y [batch, out], as one recorded op (<see cref="F.Linear"/>).</summary>
    /// <exception cref="ShapeMismatchException"><paramref name="input"/> is not [batch, in].</exception>
    public override Tensor Forward(Tensor input) => F.Linear(input, Weight, Bias);

    /// <summary>[batch, out] for an input [batch, in].</summary>
    /// <exception cref="ShapeMismatchException"><paramref name="inputShape"/> is not [batch, in].</exception>
    public override int[] OutputShape(ReadOnlySpan<int> inputShape)
    {
        if (inputShape.Length != 2 || inputShape[1] != InFeatures)
            throw new ShapeMismatchException(
                $"{this} expects input [batch, {InFeatures}], got {Tensor.Format(inputShape)}");
        return [inputShape[0], OutFeatures];
    }

    /// <summary>
    /// "weight" [out, in], then "bias" [out] when the layer has one (torch.nn.Linear's names and order).
    /// </summary>
    protected override IEnumerable<NamedParameter> LocalParameters()
    {
        yield return new NamedParameter("weight", Weight);
        if (Bias is not null) yield return new NamedParameter("bias", Bias);
    }

    /// <inheritdoc/>
    public override LayerConfig ToConfig() => new LinearConfig(InFeatures, OutFeatures, Bias is not null);

    /// <summary>PyTorch-like text with the sizes, e.g. "Linear(in=784, out=256, bias=True)".</summary>
    public override string ToString() => $"Linear(in={InFeatures}, out={OutFeatures}, bias={(Bias is null ? "False" : "True")})";
}
