namespace Dendrite.Tensors;

/// <summary>
/// A leaf tensor that a model learns. Always requires grad. Lives beside <see cref="Tensor"/> so that
/// optimizers depend only on tensors, not on modules.
/// </summary>
public sealed class Parameter : Tensor
{
    /// <summary>
    /// A parameter over <paramref name="data"/> (not copied) with <see cref="Tensor.RequiresGrad"/> set.
    /// </summary>
    /// <param name="data">Row-major values; its length must be the product of <paramref name="shape"/>.</param>
    /// <param name="shape">Dimension lengths, e.g. [out, in] for a weight matrix.</param>
    /// <exception cref="ShapeMismatchException">
    /// The length of <paramref name="data"/> does not match <paramref name="shape"/>.
    /// </exception>
    public Parameter(float[] data, params int[] shape) : base(data, shape) => RequiresGrad = true;

    /// <summary>A parameter holding a copy of <paramref name="initial"/>'s values.</summary>
    public static Parameter From(Tensor initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        return new Parameter(initial.ToArray(), initial.ShapeArray);
    }
}
