using Dendrite.Autograd;
using Dendrite.Kernels.Gemm;
using Dendrite.Tensors;

namespace Dendrite.Nn.Functional;

/// <summary>Stateless neural-network functions that modules are thin wrappers around.</summary>
public static partial class F
{
    /// <summary>
    /// y = x · Wᵀ + b with x [batch, in], W [out, in] (PyTorch's layout), b [out] or null; y is [batch, out].
    /// One recorded op. GEMM reads Wᵀ, dYᵀ in place through its transpose flags, so no transpose is materialized:
    /// forward y = x·Wᵀ (NT); backward dX = dY·W (NN), dW = dYᵀ·x (TN), db = Σ_batch dY (column sums).
    /// </summary>
    /// <exception cref="ShapeMismatchException">the shapes do not fit together.</exception>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        if (x.Rank != 2 || weight.Rank != 2 || x.Dim(1) != weight.Dim(1))
            throw new ShapeMismatchException(
                $"linear needs x [batch, in] and weight [out, in], got x {x.ShapeString} and weight {weight.ShapeString}");
        int batch = x.Dim(0), inF = x.Dim(1), outF = weight.Dim(0);
        if (bias is not null && (bias.Rank != 1 || bias.Dim(0) != outF))
            throw new ShapeMismatchException($"linear bias must be [{outF}] for weight {weight.ShapeString}, got {bias.ShapeString}");

        var y = Tensor.Zeros(batch, outF);
        Sgemm.Multiply(Transpose.No, Transpose.Yes, batch, outF, inF, x.Data, inF, weight.Data, inF, 0f, y.Data, outF);
        if (bias is not null)
        {
            for (int i = 0; i < batch; i++) Kernels.Elementwise.Arith.AddInPlace(y.Data.AsSpan(i * outF, outF), bias.Data);
        }

        Tensor[] inputs = bias is null ? [x, weight] : [x, weight, bias];
        if (AutogradContext.ShouldRecord(inputs))
        {
            y.AttachGradFn("linear", inputs, g =>
            {
                var grads = new Tensor?[inputs.Length];
                if (x.RequiresGrad)
                {
                    var gx = Tensor.Zeros(batch, inF);
                    Sgemm.Multiply(Transpose.No, Transpose.No, batch, inF, outF, g.Data, outF, weight.Data, inF, 0f, gx.Data, inF);
                    grads[0] = gx;
                }
                if (weight.RequiresGrad)
                {
                    var gw = Tensor.Zeros(outF, inF);
                    Sgemm.Multiply(Transpose.Yes, Transpose.No, outF, inF, batch, g.Data, outF, x.Data, inF, 0f, gw.Data, inF);
                    grads[1] = gw;
                }
                if (bias is not null && bias.RequiresGrad)
                {
                    var gb = Tensor.Zeros(outF);
                    for (int i = 0; i < batch; i++) Kernels.Elementwise.Arith.AddInPlace(gb.Data, g.Data.AsSpan(i * outF, outF));
                    grads[2] = gb;
                }
                return grads;
            });
        }
        return y;
    }

    /// <summary>
    /// max(x, 0) elementwise, any shape; NaN stays NaN. f' = 1 for x &gt; 0, else 0 (see <see cref="Tensor.Relu"/>).
    /// </summary>
    public static Tensor Relu(Tensor x) => x.Relu();

    /// <summary>σ(x) = 1/(1 + e⁻ˣ) elementwise, any shape; finite for every finite x. f' = y(1 − y).</summary>
    public static Tensor Sigmoid(Tensor x) => x.Sigmoid();

    /// <summary>tanh x elementwise, any shape. f' = 1 − y².</summary>
    public static Tensor Tanh(Tensor x) => x.Tanh();
}
