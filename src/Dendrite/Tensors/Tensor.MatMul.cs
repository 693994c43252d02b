using Dendrite.Autograd;
using Dendrite.Kernels.Gemm;

namespace Dendrite.Tensors;

public partial class Tensor
{
    /// <summary>
    /// Matrix product of 2-D tensors: [m, k] · [k, n] → [m, n].
    /// Backward: dA = dC · Bᵀ, dB = Aᵀ · dC, computed by GEMM reading the transposes in place.
    /// </summary>
    public Tensor MatMul(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Rank != 2 || other.Rank != 2 || _shape[1] != other._shape[0])
            throw new ShapeMismatchException($"matmul needs [m, k] · [k, n], got {ShapeString} · {other.ShapeString}");
        int m = _shape[0], k = _shape[1], n = other._shape[1];
        var r = Zeros(m, n);
        Sgemm.Multiply(Transpose.No, Transpose.No, m, n, k, Data, k, other.Data, n, 0f, r.Data, n);
        if (AutogradContext.ShouldRecord(this, other))
        {
            Tensor a = this;
            r.AttachGradFn("matmul", [this, other], g =>
            {
                Tensor? ga = null, gb = null;
                if (a.RequiresGrad)
                {
                    ga = Zeros(m, k);
                    Sgemm.Multiply(Transpose.No, Transpose.Yes, m, k, n, g.Data, n, other.Data, n, 0f, ga.Data, k);
                }
                if (other.RequiresGrad)
                {
                    gb = Zeros(k, n);
                    Sgemm.Multiply(Transpose.Yes, Transpose.No, k, n, m, a.Data, k, g.Data, n, 0f, gb.Data, n);
                }
                return [ga, gb];
            });
        }
        return r;
    }

    /// <summary>Transpose of a 2-D tensor (a copy).</summary>
    public Tensor T
    {
        get
        {
            if (Rank != 2) throw new ShapeMismatchException($"T needs a 2-D tensor, got {ShapeString}");
            int rows = _shape[0], cols = _shape[1];
            var r = Zeros(cols, rows);
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++) r.Data[j * rows + i] = Data[i * cols + j];
            if (AutogradContext.ShouldRecord(this)) r.AttachGradFn("transpose", [this], g => [g.T]);
            return r;
        }
    }
}
