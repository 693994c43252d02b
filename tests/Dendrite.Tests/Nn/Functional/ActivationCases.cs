using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Tests.Nn.Functional;

/// <summary>Every elementwise activation op by registry name, with default parameters, for table-driven tests.</summary>
internal static class ActivationCases
{
    public static readonly IReadOnlyDictionary<string, Func<Tensor, Tensor>> Elementwise = new Dictionary<string, Func<Tensor, Tensor>>
    {
        ["relu"] = F.Relu,
        ["leaky_relu"] = x => F.LeakyRelu(x),
        ["prelu"] = x => F.Prelu(x, Tensor.FromArray([0.25f])),
        ["elu"] = x => F.Elu(x),
        ["selu"] = F.Selu,
        ["celu"] = x => F.Celu(x),
        ["gelu"] = x => F.Gelu(x),
        ["gelu_tanh"] = x => F.Gelu(x, GeluApproximation.Tanh),
        ["silu"] = F.Silu,
        ["swish"] = F.Silu,
        ["mish"] = F.Mish,
        ["softplus"] = x => F.Softplus(x),
        ["softsign"] = F.Softsign,
        ["sigmoid"] = F.Sigmoid,
        ["tanh"] = F.Tanh,
        ["hardtanh"] = x => F.Hardtanh(x),
        ["hardsigmoid"] = F.HardSigmoid,
        ["relu6"] = F.Relu6,
    };

    public static readonly IReadOnlyDictionary<string, Func<Tensor, Tensor>> Gated = new Dictionary<string, Func<Tensor, Tensor>>
    {
        ["glu"] = F.Glu,
        ["swiglu"] = F.SwiGlu,
        ["geglu"] = x => F.GeGlu(x),
        ["geglu_tanh"] = x => F.GeGlu(x, GeluApproximation.Tanh),
    };

    public static TheoryData<string> ElementwiseNames() => new(Elementwise.Keys);

    public static TheoryData<string> GatedNames() => new(Gated.Keys);

    /// <summary>
    /// Points where some activation has a kink or switches branch (ReLU/ELU family at 0, Hardtanh at ±1,
    /// HardSigmoid at ±3, ReLU6 at 6): gradient-check inputs keep away from them by more than the step.
    /// </summary>
    public static readonly float[] Kinks = [0f, -1f, 1f, -3f, 3f, 6f];

    /// <summary>A leaf with RequiresGrad, uniform in [low, high) but at least 0.1 from every kink.</summary>
    public static Tensor SmoothInput(Dendrite.Random.Rng rng, int[] shape, float low = -5f, float high = 7f)
    {
        var t = Tensor.Zeros(shape);
        for (int i = 0; i < t.Size; i++)
        {
            float v;
            do { v = low + (high - low) * rng.NextFloat(); } while (Kinks.Any(k => MathF.Abs(v - k) < 0.1f));
            t.Data[i] = v;
        }
        t.RequiresGrad = true;
        return t;
    }
}
