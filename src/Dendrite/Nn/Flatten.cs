using Dendrite.Nn.Configs;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>Reshapes [batch, d1, d2, …] to [batch, d1·d2·…] (a view; no copy). 2-D input passes through unchanged.</summary>
public sealed class Flatten : Module
{
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Rank == 2 ? input : input.Flatten2D();
    }

    public override int[] OutputShape(ReadOnlySpan<int> inputShape)
    {
        if (inputShape.Length == 0) return [1, 1];
        long rest = 1;
        for (int i = 1; i < inputShape.Length; i++) rest *= inputShape[i];
        return [inputShape[0], checked((int)rest)];
    }

    /// <inheritdoc/>
    public override LayerConfig ToConfig() => new FlattenConfig();

    public override string ToString() => "Flatten()";
}
