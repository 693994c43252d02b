using System.Numerics.Tensors;
using Dendrite.Autograd;

namespace Dendrite.Tensors;

/// <summary>Elementwise arithmetic with numpy broadcasting. Backward sums the gradient back to each operand's shape.</summary>
public partial class Tensor
{
    private enum BinaryKind { Add, Sub, Mul, Div }

    /// <summary>
    /// this + other elementwise, broadcasting like numpy (shapes aligned from the right; a 1 or a missing dimension
    /// stretches). Backward: each operand receives dY summed over the dimensions it was broadcast along.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public Tensor Add(Tensor other)
    {
        var r = Binary(this, other, BinaryKind.Add);
        if (AutogradContext.ShouldRecord(this, other))
        {
            int[] sa = _shape, sb = other._shape;
            r.AttachGradFn("add", [this, other], g => [Broadcast.SumTo(g, sa), Broadcast.SumTo(g, sb)]);
        }
        return r;
    }

    /// <summary>
    /// this − other elementwise, with broadcasting. Backward: dA = dY, dB = −dY, each summed back to its operand's
    /// shape.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public Tensor Sub(Tensor other)
    {
        var r = Binary(this, other, BinaryKind.Sub);
        if (AutogradContext.ShouldRecord(this, other))
        {
            int[] sa = _shape, sb = other._shape;
            r.AttachGradFn("sub", [this, other], g => [Broadcast.SumTo(g, sa), Broadcast.SumTo(g.Neg(), sb)]);
        }
        return r;
    }

    /// <summary>
    /// this · other elementwise (Hadamard product), with broadcasting. Backward: dA = dY·B, dB = dY·A, each summed
    /// back to its operand's shape.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public Tensor Mul(Tensor other)
    {
        var r = Binary(this, other, BinaryKind.Mul);
        if (AutogradContext.ShouldRecord(this, other))
        {
            Tensor a = this;
            r.AttachGradFn("mul", [this, other], g => [
                a.RequiresGrad ? Broadcast.SumTo(g.Mul(other), a._shape) : null,
                other.RequiresGrad ? Broadcast.SumTo(g.Mul(a), other._shape) : null]);
        }
        return r;
    }

    /// <summary>
    /// this / other elementwise, with broadcasting and IEEE semantics (x/0 = ±∞, 0/0 = NaN). Backward: dA = dY/B,
    /// dB = −dY·(A/B)/B, each summed back to its operand's shape.
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public Tensor Div(Tensor other)
    {
        var r = Binary(this, other, BinaryKind.Div);
        if (AutogradContext.ShouldRecord(this, other))
        {
            Tensor a = this;
            // d(a/b)/da = 1/b ; d(a/b)/db = -a/b² = -(a/b)/b
            r.AttachGradFn("div", [this, other], g => [
                a.RequiresGrad ? Broadcast.SumTo(g.Div(other), a._shape) : null,
                other.RequiresGrad ? Broadcast.SumTo(g.Mul(r.Detach()).Div(other).Neg(), other._shape) : null]);
        }
        return r;
    }

    /// <summary>this + s elementwise. Backward: dX = dY.</summary>
    public Tensor Add(float s) => AddScalar(s);

    /// <summary>this − s elementwise (computed as this + (−s)). Backward: dX = dY.</summary>
    public Tensor Sub(float s) => AddScalar(-s);

    /// <summary>this · s elementwise. Backward: dX = s·dY.</summary>
    public Tensor Mul(float s)
    {
        var r = Zeros(_shape);
        TensorPrimitives.Multiply(Data, s, r.Data);
        if (AutogradContext.ShouldRecord(this)) r.AttachGradFn("mul_scalar", [this], g => [g.Mul(s)]);
        return r;
    }

    /// <summary>
    /// this / s, computed as this · (1/s): one rounding more than a true division, and s = 0 gives ±∞ (NaN for 0 and
    /// NaN elements). Backward: dX = dY/s.
    /// </summary>
    public Tensor Div(float s) => Mul(1f / s);

    /// <summary>−this elementwise. Backward: dX = −dY.</summary>
    public Tensor Neg()
    {
        var r = Zeros(_shape);
        TensorPrimitives.Negate(Data, r.Data);
        if (AutogradContext.ShouldRecord(this)) r.AttachGradFn("neg", [this], g => [g.Neg()]);
        return r;
    }

    private Tensor AddScalar(float s)
    {
        var r = Zeros(_shape);
        TensorPrimitives.Add(Data, s, r.Data);
        if (AutogradContext.ShouldRecord(this)) r.AttachGradFn("add_scalar", [this], g => [g]);
        return r;
    }

    /// <summary>s − t, with gradient −1 for t.</summary>
    private static Tensor RSub(float s, Tensor t) => t.Neg().Add(s);

    /// <summary>s / t, with gradient −s/t².</summary>
    private static Tensor RDiv(float s, Tensor t) => Full(s, t._shape).Div(t);

    /// <summary>a + b elementwise with broadcasting; see <see cref="Add(Tensor)"/>.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);
    /// <summary>a − b elementwise with broadcasting; see <see cref="Sub(Tensor)"/>.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);
    /// <summary>a · b elementwise with broadcasting (not a matrix product; see <see cref="MatMul"/>).</summary>
    public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);
    /// <summary>a / b elementwise with broadcasting; see <see cref="Div(Tensor)"/>.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);
    /// <summary>a + s elementwise.</summary>
    public static Tensor operator +(Tensor a, float s) => a.Add(s);
    /// <summary>s + a elementwise.</summary>
    public static Tensor operator +(float s, Tensor a) => a.Add(s);
    /// <summary>a − s elementwise.</summary>
    public static Tensor operator -(Tensor a, float s) => a.Sub(s);
    /// <summary>s − a elementwise. Backward: dA = −dY.</summary>
    public static Tensor operator -(float s, Tensor a) => RSub(s, a);
    /// <summary>a · s elementwise.</summary>
    public static Tensor operator *(Tensor a, float s) => a.Mul(s);
    /// <summary>s · a elementwise.</summary>
    public static Tensor operator *(float s, Tensor a) => a.Mul(s);
    /// <summary>a / s elementwise, computed as a · (1/s); see <see cref="Div(float)"/>.</summary>
    public static Tensor operator /(Tensor a, float s) => a.Div(s);
    /// <summary>s / a elementwise (IEEE: s/0 = ±∞). Backward: dA = −dY·s/a².</summary>
    public static Tensor operator /(float s, Tensor a) => RDiv(s, a);
    /// <summary>−a elementwise.</summary>
    public static Tensor operator -(Tensor a) => a.Neg();

    private static Tensor Binary(Tensor a, Tensor b, BinaryKind kind)
    {
        if (a.Shape.SequenceEqual(b.Shape))
        {
            var same = Zeros(a._shape);
            Apply(kind, a.Data, b.Data, same.Data);
            return same;
        }
        int[] outShape = Broadcast.Shape(a._shape, b._shape);
        var r = Zeros(outShape);
        if (b.Size == 1 && a.Size == r.Size) { ApplyScalarRight(kind, a.Data, b.Data[0], r.Data); return r; }
        int last = outShape.Length == 0 ? 1 : outShape[^1];
        if (a.Size == r.Size && b.Size == last && last > 0 && (b.Rank == 1 || b._shape[^1] == last))
        {
            // Common case: matrix ⊕ row vector (e.g. adding a bias). One vectorized call per row.
            for (int off = 0; off < r.Size; off += last)
                Apply(kind, a.Data.AsSpan(off, last), b.Data, r.Data.AsSpan(off, last));
            return r;
        }
        int[] ma = Broadcast.IndexMap(outShape, Broadcast.Strides(a._shape, outShape));
        int[] mb = Broadcast.IndexMap(outShape, Broadcast.Strides(b._shape, outShape));
        float[] da = a.Data, db = b.Data, dr = r.Data;
        for (int i = 0; i < dr.Length; i++)
        {
            float x = da[ma[i]], y = db[mb[i]];
            dr[i] = kind switch { BinaryKind.Add => x + y, BinaryKind.Sub => x - y, BinaryKind.Mul => x * y, _ => x / y };
        }
        return r;
    }

    private static void Apply(BinaryKind kind, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> r)
    {
        switch (kind)
        {
            case BinaryKind.Add: TensorPrimitives.Add(x, y, r); break;
            case BinaryKind.Sub: TensorPrimitives.Subtract(x, y, r); break;
            case BinaryKind.Mul: TensorPrimitives.Multiply(x, y, r); break;
            default: TensorPrimitives.Divide(x, y, r); break;
        }
    }

    private static void ApplyScalarRight(BinaryKind kind, ReadOnlySpan<float> x, float y, Span<float> r)
    {
        switch (kind)
        {
            case BinaryKind.Add: TensorPrimitives.Add(x, y, r); break;
            case BinaryKind.Sub: TensorPrimitives.Subtract(x, y, r); break;
            case BinaryKind.Mul: TensorPrimitives.Multiply(x, y, r); break;
            default: TensorPrimitives.Divide(x, y, r); break;
        }
    }
}
