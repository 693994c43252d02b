using Dendrite.Nn.Functional.Activations;
using Dendrite.Tensors;

namespace Dendrite.Nn.Functional;

/// <summary>
/// Activation functions: any input shape, output of the same shape (gated ones halve the last dimension).
/// Each records one autograd op whose backward is the stated derivative.
/// NaN policy: NaN in gives NaN out for every function (nothing silently turns a diverged value into a number).
/// Large finite inputs (±1e30) give finite outputs and finite slopes: the formulas avoid e^(big) and 0·∞.
/// At kinks the derivative takes PyTorch's one-sided choice (stated per function).
/// </summary>
public static partial class F
{
    /// <summary>SELU's α = 1.6732632423543772848… (Klambauer et al. 2017; PyTorch's constant).</summary>
    public const double SeluAlpha = 1.6732632423543772848170429916717;

    /// <summary>SELU's scale λ = 1.0507009873554804934… (PyTorch's constant).</summary>
    public const double SeluScale = 1.0507009873554804934193349852946;

    /// <summary>f = x for x &gt; 0, s·x otherwise. f' = 1 for x &gt; 0, s otherwise (s at 0).</summary>
    public static Tensor LeakyRelu(Tensor x, float negativeSlope = 0.01f)
        => Elementwise(x, new LeakyReluOp(negativeSlope), "leaky_relu");

    /// <summary>ELU: f = x for x &gt; 0, α(eˣ − 1) otherwise. f' = 1 for x &gt; 0, α·eˣ otherwise.</summary>
    public static Tensor Elu(Tensor x, float alpha = 1f) => Elementwise(x, new EluOp(alpha, 1f, 1f), "elu");

    /// <summary>
    /// SELU: f = λ·x for x &gt; 0, λ·α(eˣ − 1) otherwise, with <see cref="SeluAlpha"/> and <see cref="SeluScale"/>.
    /// f' = λ for x &gt; 0, λ·α·eˣ otherwise.
    /// </summary>
    public static Tensor Selu(Tensor x) => Elementwise(x, new EluOp((float)SeluAlpha, (float)SeluScale, 1f), "selu");

    /// <summary>
    /// CELU: f = max(0, x) + min(0, α(e^(x/α) − 1)). f' = 1 for x &gt; 0, e^(x/α) otherwise. α must not be 0.
    /// </summary>
    public static Tensor Celu(Tensor x, float alpha = 1f)
        => Elementwise(x, new EluOp(alpha, 1f, 1f / CheckCeluAlpha(alpha)), "celu");

    /// <summary>
    /// GELU. Exact (<see cref="GeluApproximation.None"/>): f = x·Φ(x) = ½x(1 + erf(x/√2)), f' = Φ(x) + x·φ(x)
    /// with φ the standard normal density. <see cref="GeluApproximation.Tanh"/>: f = ½x(1 + tanh u),
    /// u = √(2/π)(x + 0.044715x³), f' = ½(1 + tanh u) + ½x·sech²u·√(2/π)(1 + 0.134145x²).
    /// </summary>
    public static Tensor Gelu(Tensor x, GeluApproximation approximation = GeluApproximation.None)
        => Elementwise(x, new GeluOp(approximation), approximation == GeluApproximation.None ? "gelu" : "gelu_tanh");

    /// <summary>SiLU (Swish with β = 1): f = x·σ(x), f' = σ(x)(1 + x(1 − σ(x))).</summary>
    public static Tensor Silu(Tensor x) => Elementwise(x, default(SiluOp), "silu");

    /// <summary>Mish: f = x·tanh(softplus x), f' = tanh(sp) + x·sech²(sp)·σ(x).</summary>
    public static Tensor Mish(Tensor x) => Elementwise(x, default(MishOp), "mish");

    /// <summary>
    /// Softplus: f = (1/β)·ln(1 + e^(βx)), but f = x where βx &gt; threshold (PyTorch's linear region, which
    /// also avoids overflow). f' = σ(βx), or 1 in the linear region. β must be positive.
    /// </summary>
    public static Tensor Softplus(Tensor x, float beta = 1f, float threshold = 20f)
        => Elementwise(x, new SoftplusOp(CheckSoftplusBeta(beta), threshold), "softplus");

    /// <summary>Softsign: f = x/(1 + |x|), f' = 1/(1 + |x|)².</summary>
    public static Tensor Softsign(Tensor x) => Elementwise(x, default(SoftsignOp), "softsign");

    /// <summary>
    /// Hardtanh: f = clamp(x, min, max). f' = 1 for min &lt; x &lt; max, 0 otherwise (0 at the corners).
    /// Requires min &lt; max.
    /// </summary>
    public static Tensor Hardtanh(Tensor x, float min = -1f, float max = 1f)
    {
        CheckHardtanhRange(min, max);
        return Elementwise(x, new HardtanhOp(min, max), "hardtanh");
    }

    /// <summary>
    /// PyTorch's hardsigmoid: f = relu6(x + 3)/6 = clamp(x/6 + ½, 0, 1). f' = 1/6 for −3 &lt; x &lt; 3, else 0.
    /// </summary>
    public static Tensor HardSigmoid(Tensor x) => Elementwise(x, default(HardSigmoidOp), "hardsigmoid");

    /// <summary>ReLU6: f = min(max(x, 0), 6). f' = 1 for 0 &lt; x &lt; 6, else 0.</summary>
    public static Tensor Relu6(Tensor x) => Elementwise(x, new HardtanhOp(0f, 6f), "relu6");

    /// <summary>
    /// GLU (Dauphin et al. 2017): splits the last dimension 2h into a = x[…, :h], b = x[…, h:] and returns
    /// a ⊙ σ(b), shape [.., h]. da = dy ⊙ σ(b), db = dy ⊙ a ⊙ σ(b)(1 − σ(b)).
    /// </summary>
    /// <exception cref="ShapeMismatchException">the last dimension is odd (or x is a scalar).</exception>
    public static Tensor Glu(Tensor x) => Gated(x, default(SigmoidOp), activateFirst: false, "glu");

    /// <summary>
    /// SwiGLU (Shazeer 2020): with a = x[…, :h], b = x[…, h:], returns SiLU(a) ⊙ b, shape [.., h].
    /// The paper's xW and xV projections are one separate Linear producing the doubled width 2h that this takes.
    /// da = dy ⊙ b ⊙ SiLU'(a), db = dy ⊙ SiLU(a).
    /// </summary>
    /// <exception cref="ShapeMismatchException">the last dimension is odd (or x is a scalar).</exception>
    public static Tensor SwiGlu(Tensor x) => Gated(x, default(SiluOp), activateFirst: true, "swiglu");

    /// <summary>
    /// GeGLU (Shazeer 2020): with a = x[…, :h], b = x[…, h:], returns GELU(a) ⊙ b, shape [.., h]; the projection
    /// to width 2h is a separate Linear. da = dy ⊙ b ⊙ GELU'(a), db = dy ⊙ GELU(a).
    /// </summary>
    /// <exception cref="ShapeMismatchException">the last dimension is odd (or x is a scalar).</exception>
    public static Tensor GeGlu(Tensor x, GeluApproximation approximation = GeluApproximation.None)
        => Gated(x, new GeluOp(approximation), activateFirst: true, "geglu");

    /// <summary>Returns α, or throws when CELU cannot use it (it divides x by α).</summary>
    internal static float CheckCeluAlpha(float alpha)
    {
        if (alpha == 0f || !float.IsFinite(alpha))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "CELU's alpha must be finite and non-zero (it divides x).");
        return alpha;
    }

    /// <summary>Returns β, or throws unless it is positive and finite.</summary>
    internal static float CheckSoftplusBeta(float beta)
    {
        if (!(beta > 0f) || !float.IsFinite(beta))
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "softplus' beta must be positive and finite.");
        return beta;
    }

    /// <summary>Throws unless min &lt; max.</summary>
    internal static void CheckHardtanhRange(float min, float max)
    {
        if (!(min < max))
            throw new ArgumentOutOfRangeException(nameof(max), max, $"hardtanh needs min < max, got min {min}.");
    }
}
