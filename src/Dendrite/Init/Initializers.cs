using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Init;

/// <summary>
/// Explicit initializers that overwrite a tensor's values in place (like torch.nn.init.*_). Values are drawn in
/// row-major order from the given <see cref="Rng"/>, so the same seed gives the same bits. They write
/// <see cref="Tensor.Data"/> directly and record no autograd history. Each returns its tensor for chaining.
/// </summary>
public static partial class Initializers
{
    /// <summary>tᵢ ~ N(mean, std²).</summary>
    public static Tensor Normal(Tensor t, Rng rng, float mean = 0f, float std = 1f)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(rng);
        if (!float.IsFinite(mean)) throw new ArgumentOutOfRangeException(nameof(mean), mean, "mean must be finite");
        if (!float.IsFinite(std) || std < 0f) throw new ArgumentOutOfRangeException(nameof(std), std, "std must be finite and ≥ 0");
        float[] d = t.Data;
        for (int i = 0; i < d.Length; i++) d[i] = mean + std * rng.NextNormal();
        return t;
    }

    /// <summary>tᵢ ~ U[low, high).</summary>
    public static Tensor Uniform(Tensor t, Rng rng, float low, float high)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(rng);
        if (!float.IsFinite(low) || !float.IsFinite(high) || low > high)
            throw new ArgumentOutOfRangeException(nameof(high), $"need finite low ≤ high, got [{low}, {high})");
        float width = high - low;
        float[] d = t.Data;
        for (int i = 0; i < d.Length; i++) d[i] = low + width * rng.NextFloat();
        return t;
    }

    /// <summary>tᵢ = 0.</summary>
    public static Tensor Zeros(Tensor t) => Constant(t, 0f);

    /// <summary>tᵢ = <paramref name="value"/>.</summary>
    public static Tensor Constant(Tensor t, float value)
    {
        ArgumentNullException.ThrowIfNull(t);
        t.Data.AsSpan().Fill(value);
        return t;
    }
}
