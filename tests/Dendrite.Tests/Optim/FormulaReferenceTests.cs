using Dendrite.Optim;
using Dendrite.Tensors;

namespace Dendrite.Tests.Optim;

/// <summary>
/// Every optimizer against its published update formula, written out here in float64 scalar code independent of
/// the span rules. All optimizers and <see cref="QuadraticProblem"/> are elementwise, so each of the six
/// parameter entries follows its own scalar trajectory p ← update(p, g = a·p + b).
/// </summary>
public class FormulaReferenceTests
{
    /// <summary>Runs a scalar rule: (p, g, t, state) → p, with state private to one entry.</summary>
    private delegate double ScalarRule(double p, double g, int t, double[] state);

    private static readonly Dictionary<string, (Func<Parameter[], IOptimizer> Make, ScalarRule Rule)> Cases = new()
    {
        ["sgd_momentum_dampening_wd"] = (ps => new Sgd(ps, new SgdOptions(0.1f, 0.01f, 0.9f, 0.1f)), SgdFormula(0.1, 0.01, 0.9, 0.1, false)),
        ["sgd_nesterov"] = (ps => new Sgd(ps, new SgdOptions(0.05f, 0f, 0.8f, 0f, true)), SgdFormula(0.05, 0, 0.8, 0, true)),
        ["adam_wd"] = (ps => new Adam(ps, new AdamOptions(0.1f, WeightDecay: 0.1f)), AdamFormula(0.1, 0.9, 0.999, 1e-8, 0.1, false, false)),
        ["adam_amsgrad"] = (ps => new Adam(ps, new AdamOptions(0.02f, 0.5f, 0.9f, 1e-3f, AmsGrad: true)), AdamFormula(0.02, 0.5, 0.9, 1e-3, 0, true, false)),
        ["adamw"] = (ps => new AdamW(ps, new AdamWOptions(0.1f, WeightDecay: 0.3f)), AdamFormula(0.1, 0.9, 0.999, 1e-8, 0.3, false, true)),
        ["rmsprop_centered_momentum"] = (ps => new RmsProp(ps, new RmsPropOptions(0.01f, 0.9f, 1e-8f, 0.1f, 0.9f, true)), RmsPropFormula(0.01, 0.9, 1e-8, 0.1, 0.9, true)),
        ["rmsprop_plain"] = (ps => new RmsProp(ps, new RmsPropOptions(0.02f, 0.8f)), RmsPropFormula(0.02, 0.8, 1e-8, 0, 0, false)),
        ["adagrad"] = (ps => new Adagrad(ps, new AdagradOptions(0.1f, 0.05f, 0.1f, 0.2f, 1e-6f)), AdagradFormula(0.1, 0.05, 0.1, 0.2, 1e-6)),
        ["adadelta"] = (ps => new Adadelta(ps, new AdadeltaOptions(0.9f, 0.8f, 1e-4f, 0.05f)), AdadeltaFormula(0.9, 0.8, 1e-4, 0.05)),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void SixSteps_MatchTheFloat64Formula(string name)
    {
        const int steps = 6;
        var (make, rule) = Cases[name];
        float[] actual = QuadraticProblem.Run(make, steps);
        float[] p0 = [.. QuadraticProblem.NewParameters()[0].Data, .. QuadraticProblem.NewParameters()[1].Data];
        float[] a = [.. QuadraticProblem.A0, .. QuadraticProblem.A1], b = [.. QuadraticProblem.B0, .. QuadraticProblem.B1];
        for (int i = 0; i < actual.Length; i++)
        {
            double p = p0[i];
            var state = new double[4];
            for (int t = 1; t <= steps; t++) p = rule(p, (double)a[i] * p + b[i], t, state);
            Assert.True(Math.Abs(actual[i] - p) <= 1e-5 * Math.Max(1, Math.Abs(p)), $"{name}[{i}]: got {actual[i]:R}, formula {p:R}");
        }
    }

    // state: [buf]
    private static ScalarRule SgdFormula(double lr, double wd, double mu, double damp, bool nesterov) => (p, g, t, s) =>
    {
        g += wd * p;
        s[0] = t == 1 ? g : mu * s[0] + (1 - damp) * g;
        return p - lr * (nesterov ? g + mu * s[0] : s[0]);
    };

    // state: [m, v, vmax]
    private static ScalarRule AdamFormula(double lr, double b1, double b2, double eps, double wd, bool ams, bool decoupled) => (p, g, t, s) =>
    {
        if (decoupled) p *= 1 - lr * wd;
        else g += wd * p;
        s[0] = b1 * s[0] + (1 - b1) * g;
        s[1] = b2 * s[1] + (1 - b2) * g * g;
        s[2] = Math.Max(s[2], s[1]);
        double mHat = s[0] / (1 - Math.Pow(b1, t)), vHat = (ams ? s[2] : s[1]) / (1 - Math.Pow(b2, t));
        return p - lr * mHat / (Math.Sqrt(vHat) + eps);
    };

    // state: [v, gavg, buf]
    private static ScalarRule RmsPropFormula(double lr, double alpha, double eps, double wd, double mu, bool centered) => (p, g, t, s) =>
    {
        g += wd * p;
        s[0] = alpha * s[0] + (1 - alpha) * g * g;
        s[1] = alpha * s[1] + (1 - alpha) * g;
        double x = g / (Math.Sqrt(centered ? s[0] - s[1] * s[1] : s[0]) + eps);
        s[2] = mu * s[2] + x;
        return p - lr * (mu > 0 ? s[2] : x);
    };

    // state: [sum − initial]
    private static ScalarRule AdagradFormula(double lr, double decay, double wd, double initial, double eps) => (p, g, t, s) =>
    {
        g += wd * p;
        s[0] += g * g;
        return p - lr / (1 + (t - 1) * decay) * g / (Math.Sqrt(initial + s[0]) + eps);
    };

    // state: [E[g²], E[Δ²]]
    private static ScalarRule AdadeltaFormula(double lr, double rho, double eps, double wd) => (p, g, t, s) =>
    {
        g += wd * p;
        s[0] = rho * s[0] + (1 - rho) * g * g;
        double delta = Math.Sqrt(s[1] + eps) / Math.Sqrt(s[0] + eps) * g;
        s[1] = rho * s[1] + (1 - rho) * delta * delta;
        return p - lr * delta;
    };

    [Fact]
    public void Adam_FirstStep_MovesEachEntryByLearningRateAgainstTheGradientSign()
    {
        // With m̂ = g and v̂ = g² after one step, the update is lr·g/(|g| + ε) ≈ lr·sign(g), whatever |g| is.
        var p = new Parameter([0f, 0f, 0f], 3) { Grad = Tensor.FromArray([1000f, -0.001f, 3f]) };
        new Adam([p], new AdamOptions(0.5f)).Step();
        Assert.Equal(-0.5f, p.Data[0], 5);
        Assert.Equal(0.5f, p.Data[1], 4);
        Assert.Equal(-0.5f, p.Data[2], 5);
    }

    [Fact]
    public void SgdMomentum_TwoStepsWithConstantGradient_MatchHandComputation()
    {
        // g = 2, μ = 0.5, dampening 0.5, lr 0.1: buf₁ = 2 → p = 1 − 0.2 = 0.8; buf₂ = 0.5·2 + 0.5·2 = 2 → p = 0.6.
        // Nesterov (dampening 0): buf₁ = 2, d = 2 + 0.5·2 = 3 → 0.7; buf₂ = 1 + 2 = 3, d = 2 + 1.5 = 3.5 → 0.35.
        var p = new Parameter([1f], 1);
        var q = new Parameter([1f], 1);
        var damped = new Sgd([p], new SgdOptions(0.1f, Momentum: 0.5f, Dampening: 0.5f));
        var nesterov = new Sgd([q], new SgdOptions(0.1f, Momentum: 0.5f, Nesterov: true));
        for (int i = 0; i < 2; i++)
        {
            p.Grad = Tensor.FromArray([2f]);
            q.Grad = Tensor.FromArray([2f]);
            damped.Step();
            nesterov.Step();
        }
        Assert.Equal(0.6f, p.Data[0], 6);
        Assert.Equal(0.35f, q.Data[0], 6);
    }
}
