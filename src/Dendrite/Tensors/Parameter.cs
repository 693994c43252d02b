namespace Dendrite.Tensors;

/// <summary>
/// A leaf tensor that a model learns. Always requires grad. Lives beside <see cref="Tensor"/> so that
/// optimizers depend only on tensors, not on modules.
/// </summary>
public sealed class Parameter : Tensor
{
    public Parameter(float[] data, params int[] shape) : base(data, shape) => RequiresGrad = true;

    /// <summary>A parameter holding a copy of <paramref name="initial"/>'s values.</summary>
    public static Parameter From(Tensor initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        return new Parameter(initial.ToArray(), initial.ShapeArray);
    }
}
