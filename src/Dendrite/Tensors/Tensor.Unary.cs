using System.Numerics.Tensors;
using Dendrite.Autograd;

namespace Dendrite.Tensors;

/// <summary>Elementwise math (exp, log, pow, sqrt) with backward beside forward.</summary>
public partial class Tensor
{
    /// <summary>eˣ elementwise. d/dx = eˣ (taken from the output, so no second exp).</summary>
    public Tensor Exp()
    {
        var r = Zeros(_shape);
        TensorPrimitives.Exp(Data, r.Data);
        if (AutogradContext.ShouldRecord(this))
        {
            float[] y = r.Data;
            r.AttachGradFn("exp", [this], g => [Map2(g, y, static (gi, yi) => gi * yi)]);
        }
        return r;
    }

    /// <summary>ln x elementwise (−∞ at 0, NaN below). d/dx = 1/x.</summary>
    public Tensor Log()
    {
        var r = Zeros(_shape);
        TensorPrimitives.Log(Data, r.Data);
        if (AutogradContext.ShouldRecord(this))
        {
            float[] x = Data;
            r.AttachGradFn("log", [this], g =>
            {
                var gx = Zeros(g._shape);
                TensorPrimitives.Divide(g.Data, x, gx.Data);
                return [gx];
            });
        }
        return r;
    }

    /// <summary>
    /// xᵖ elementwise. d/dx = p·xᵖ⁻¹. Exponents 1, 2 and 0.5 take exact fast paths; others use
    /// <see cref="MathF.Pow"/> per element so that negative bases with integer exponents stay defined
    /// (a vectorized exp(p·ln x) would turn them into NaN).
    /// </summary>
    public Tensor Pow(float exponent)
    {
        float p = exponent;
        if (p == 0.5f) return Sqrt();
        var r = Zeros(_shape);
        float[] x = Data;
        if (p == 1f) x.CopyTo(r.Data, 0);
        else if (p == 2f) TensorPrimitives.Multiply(x, x, r.Data);
        else for (int i = 0; i < x.Length; i++) r.Data[i] = MathF.Pow(x[i], p);
        if (AutogradContext.ShouldRecord(this))
        {
            r.AttachGradFn("pow", [this], g =>
            {
                // p == 0: the function is constant; p·x⁻¹ would give 0·∞ = NaN at x = 0.
                if (p == 0f) return [Zeros(g._shape)];
                if (p == 1f) return [g];
                if (p == 2f) return [Map2(g, x, static (gi, xi) => 2f * xi * gi)];
                return [Map2(g, x, (gi, xi) => gi * p * MathF.Pow(xi, p - 1f))];
            });
        }
        return r;
    }

    /// <summary>√x elementwise (NaN below 0). d/dx = 1/(2√x) (from the output).</summary>
    public Tensor Sqrt()
    {
        var r = Zeros(_shape);
        TensorPrimitives.Sqrt(Data, r.Data);
        if (AutogradContext.ShouldRecord(this))
        {
            float[] y = r.Data;
            r.AttachGradFn("sqrt", [this], g => [Map2(g, y, static (gi, yi) => 0.5f * gi / yi)]);
        }
        return r;
    }

    /// <summary>Elementwise f(g[i], v[i]) into a new tensor of g's shape; the backward helper of unary ops.</summary>
    private static Tensor Map2(Tensor g, float[] v, Func<float, float, float> f)
    {
        var r = Zeros(g._shape);
        float[] gd = g.Data, rd = r.Data;
        for (int i = 0; i < rd.Length; i++) rd[i] = f(gd[i], v[i]);
        return r;
    }
}
