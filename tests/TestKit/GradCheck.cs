using Dendrite.Autograd;
using Dendrite.Random;
using Dendrite.Tensors;
using Xunit;

namespace Dendrite.TestKit;

/// <summary>
/// Checks an op's autograd gradient against central finite differences.
/// <para>
/// A vector-valued f is reduced to the scalar P(x) = Σₖ f(x)ₖ·rₖ with a fixed random r (drawn from an
/// <see cref="Rng"/>), so one backward pass checks the whole Jacobian against a random direction:
/// ∂P/∂xⱼ = Σₖ rₖ·∂fₖ/∂xⱼ. A bug that cancels for r = 1 (e.g. swapped or wrongly transposed gradients) shows here.
/// Analytic: f(x).Backward(r). Numeric: (P(x + h·eⱼ) − P(x − h·eⱼ)) / (2h) for every element j of every input
/// with RequiresGrad, with P accumulated in double.
/// </para>
/// <para>
/// Why these tolerances: the engine is float32, so f itself carries relative rounding error ε ≈ 6e-8 per op
/// (a few ulps after a chain of ops). In a difference quotient that error is divided by 2h: with |P| ~ 1–10 and
/// h = 1e-2 it contributes ~1e-5–1e-4, growing to ~1e-3 for a smaller step, which is why the step sits at the
/// large end of 1e-3…1e-2. Truncation error of the central difference is h²·|f'''|/6 ≈ 2e-5·|f'''|, small for
/// smooth ops on inputs of magnitude ~1. Hence |analytic − numeric| ≤ 1e-3 + 5e-3·max(|analytic|, |numeric|):
/// loose enough for float32 noise (the worst element over the core op suite used under 2% of it), yet a 5%
/// error in one derivative term or a wrong mean divisor fails, let alone the O(1) errors of a missing factor,
/// a wrong sign or a swapped operand. Because x ± h is rounded to float, the step actually taken, (x+h) − x computed
/// exactly in double, is used in the denominator. Non-differentiable points (ReLU at 0, ties in max) must be kept
/// further than h away from the inputs: see <see cref="RandomInput"/> and <see cref="DistinctInput"/>.
/// </para>
/// </summary>
public static class GradCheck
{
    /// <summary>
    /// Asserts that the gradient of Σ f(inputs) ⊙ r with respect to every input with RequiresGrad matches central
    /// finite differences. On failure the message names the worst element: input index, flat position, analytic
    /// and numeric values.
    /// </summary>
    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, GradCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(inputs);
        options ??= new GradCheckOptions();
        Assert.True(inputs.Any(t => t.RequiresGrad), "GradCheck needs at least one input with RequiresGrad");

        foreach (var t in inputs) t.ZeroGrad();
        Tensor y = f(inputs);
        Assert.True(y.RequiresGrad, $"output {y.ShapeString} does not require grad: the op recorded nothing");
        var rng = new Rng(options.Seed);
        Tensor r = Tensor.Randn(rng, y.ShapeArray);
        y.Backward(r);

        Worst worst = default;
        for (int i = 0; i < inputs.Length; i++)
        {
            Tensor x = inputs[i];
            if (!x.RequiresGrad) continue;
            Tensor? grad = x.Grad;
            if (grad is not null)
                Assert.True(grad.Shape.SequenceEqual(x.Shape), $"input {i}: gradient shape {grad.ShapeString} differs from {x.ShapeString}");
            for (int j = 0; j < x.Size; j++)
            {
                double numeric = Numeric(f, inputs, r, x, j, options.Step);
                double analytic = grad is null ? 0 : grad.Data[j];
                double error = Math.Abs(analytic - numeric);
                double allowed = options.AbsoluteTolerance + options.RelativeTolerance * Math.Max(Math.Abs(analytic), Math.Abs(numeric));
                double excess = double.IsNaN(error) ? double.PositiveInfinity : error - allowed;
                if (!worst.Found || excess > worst.Excess) worst = new Worst(true, excess, i, j, analytic, numeric, x.ShapeString);
            }
        }
        Assert.True(worst.Found, "GradCheck found no elements to check");
        if (worst.Excess > 0)
        {
            Assert.Fail($"gradient mismatch at input {worst.Input} {worst.Shape}, flat position {worst.Position}: " +
                        $"analytic {worst.Analytic:G6}, numeric {worst.Numeric:G6} " +
                        $"(tolerance {options.AbsoluteTolerance:G3} + {options.RelativeTolerance:G3}·|g|)");
        }
    }

    /// <summary>Checks a function of one input.</summary>
    public static void Check(Func<Tensor, Tensor> f, Tensor input, GradCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        Check(xs => f(xs[0]), [input], options);
    }

    /// <summary>
    /// A leaf with RequiresGrad whose elements are uniform in [<paramref name="low"/>, <paramref name="high"/>)
    /// but at least <paramref name="minAbs"/> away from 0, so kinks at 0 (ReLU) are never within the step.
    /// </summary>
    public static Tensor RandomInput(Rng rng, int[] shape, float low = -1f, float high = 1f, float minAbs = 0.05f)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (low > -minAbs && high < minAbs) throw new ArgumentException("the range holds no value with |x| >= minAbs");
        var t = Tensor.Zeros(shape);
        for (int i = 0; i < t.Size; i++)
        {
            float v;
            do { v = low + (high - low) * rng.NextFloat(); } while (MathF.Abs(v) < minAbs);
            t.Data[i] = v;
        }
        t.RequiresGrad = true;
        return t;
    }

    /// <summary>
    /// A leaf with RequiresGrad holding evenly spaced values from [<paramref name="low"/>, <paramref name="high"/>]
    /// in a random order: any two elements differ by at least (high − low)/(size − 1), so max/argmax have no ties
    /// within the finite-difference step.
    /// </summary>
    public static Tensor DistinctInput(Rng rng, int[] shape, float low = -1f, float high = 1f)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var t = Tensor.Zeros(shape);
        int n = t.Size;
        for (int i = 0; i < n; i++) t.Data[i] = n == 1 ? low : low + (high - low) * i / (n - 1);
        rng.Shuffle<float>(t.Data);
        t.RequiresGrad = true;
        return t;
    }

    private static double Numeric(Func<Tensor[], Tensor> f, Tensor[] inputs, Tensor r, Tensor x, int j, float h)
    {
        float original = x.Data[j];
        float plus = original + h, minus = original - h;
        try
        {
            x.Data[j] = plus;
            double pPlus = Projected(f, inputs, r);
            x.Data[j] = minus;
            double pMinus = Projected(f, inputs, r);
            return (pPlus - pMinus) / ((double)plus - minus);
        }
        finally
        {
            x.Data[j] = original;
        }
    }

    private static double Projected(Func<Tensor[], Tensor> f, Tensor[] inputs, Tensor r)
    {
        using var _ = AutogradContext.NoGrad();
        Tensor y = f(inputs);
        double sum = 0;
        for (int k = 0; k < y.Size; k++) sum += (double)y.Data[k] * r.Data[k];
        return sum;
    }

    private readonly record struct Worst(bool Found, double Excess, int Input, int Position, double Analytic, double Numeric, string Shape);
}
