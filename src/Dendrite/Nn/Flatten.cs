using Dendrite.Nn.Configs;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>Reshapes [batch, d1, d2, …] to [batch, d1·d2·…] (a view; no copy). 2-D input passes through unchanged.</summary>
public sealed class Flatten : Module
{
    /// <summary>
    /// [batch, d1, d2, …] → [batch, d1·d2·…] as a view of the same data (the gradient is reshaped back); a 2-D input is
    /// returned as is, a 1-D [n] becomes [n, 1] and a scalar [1, 1].
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    /// <exception cref="ShapeMismatchException">
    /// The input is not 2-D and its first dimension is 0 (an empty batch leaves the inferred width undefined).
    /// </exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Rank == 2 ? input : input.Flatten2D();
    }

    /// <summary>[batch, product of the other dimensions]; [1, 1] for a scalar.</summary>
    /// <exception cref="OverflowException">The product exceeds <see cref="int.MaxValue"/>.</exception>
    public override int[] OutputShape(ReadOnlySpan<int> inputShape)
    {
        if (inputShape.Length == 0) return [1, 1];
        long rest = 1;
        for (int i = 1; i < inputShape.Length; i++) rest *= inputShape[i];
        return [inputShape[0], checked((int)rest)];
    }

    /// <inheritdoc/>
    public override LayerConfig ToConfig() => new FlattenConfig();

    /// <summary>"Flatten()".</summary>
    public override string ToString() => "Flatten()";
}
