using System.Numerics.Tensors;
using Dendrite.Tensors;

namespace Dendrite.Optim;

/// <summary>
/// Gradient clipping between backward and <see cref="IOptimizer.Step"/>, as torch.nn.utils.clip_grad_norm_ and
/// clip_grad_value_. Parameters without a gradient are skipped. Neither method allocates.
/// </summary>
public static class GradientClipping
{
    /// <summary>
    /// Rescales all gradients together so that their joint norm is at most <paramref name="maxNorm"/>:
    /// N = (Σ over every gradient entry |g|^q)^(1/q) (q = ∞: max |g|), accumulated in double; if
    /// c = maxNorm / (N + 10⁻⁶) &lt; 1 every gradient is multiplied by c. Returns N (before clipping), e.g. for logging.
    /// A non-finite N (a NaN or ∞ gradient) is returned and the gradients are left as they are, so the caller can skip the step;
    /// PyTorch would instead multiply them by NaN or 0.
    /// </summary>
    /// <param name="parameters">Parameters whose gradients are clipped in place.</param>
    /// <param name="maxNorm">Largest allowed norm (finite, ≥ 0).</param>
    /// <param name="normType">q &gt; 0, or <see cref="double.PositiveInfinity"/> for the max norm; 2 by default.</param>
    public static double ClipGradNorm(IReadOnlyList<Parameter> parameters, double maxNorm, double normType = 2)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        OptionCheck.NonNegative(maxNorm, "MaxNorm");
        if (!(normType > 0)) OptionCheck.Fail(normType, "NormType", "must be > 0 or +∞");

        double total = 0;
        for (int i = 0; i < parameters.Count; i++)
            if (parameters[i].Grad is { } grad) total = Accumulate(total, grad.Data, normType);
        double norm = double.IsPositiveInfinity(normType) ? total
            : normType == 2 ? Math.Sqrt(total)
            : normType == 1 ? total
            : Math.Pow(total, 1 / normType);

        double coefficient = maxNorm / (norm + 1e-6); // 1e-6 as PyTorch: no division by zero for all-zero gradients
        if (!double.IsFinite(norm) || coefficient >= 1) return norm;
        for (int i = 0; i < parameters.Count; i++)
            if (parameters[i].Grad is { } grad) TensorPrimitives.Multiply(grad.Data, (float)coefficient, grad.Data);
        return norm;
    }

    /// <summary>Clamps every gradient entry into [−c, c] in place (NaN stays NaN).</summary>
    /// <param name="parameters">Parameters whose gradients are clipped in place.</param>
    /// <param name="clipValue">c (finite, ≥ 0).</param>
    public static void ClipGradValue(IReadOnlyList<Parameter> parameters, float clipValue)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        OptionCheck.NonNegative(clipValue, "ClipValue");
        for (int i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Grad is not { } grad) continue;
            TensorPrimitives.Max(grad.Data, -clipValue, grad.Data);
            TensorPrimitives.Min(grad.Data, clipValue, grad.Data);
        }
    }

    /// <summary>Adds one gradient's Σ|g|^q (or folds in its max |g| for q = ∞) to <paramref name="total"/>, in double.</summary>
    private static double Accumulate(double total, ReadOnlySpan<float> g, double q)
    {
        if (double.IsPositiveInfinity(q))
        {
            foreach (float v in g) total = Math.Max(total, Math.Abs((double)v));
            return total;
        }
        if (q == 2)
        {
            foreach (float v in g) total += (double)v * v;
            return total;
        }
        if (q == 1)
        {
            foreach (float v in g) total += Math.Abs((double)v);
            return total;
        }
        foreach (float v in g) total += Math.Pow(Math.Abs((double)v), q);
        return total;
    }
}
