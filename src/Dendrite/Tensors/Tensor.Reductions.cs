namespace Dendrite.Tensors;

/// <summary>Sum, mean and max, over everything or along one axis.</summary>
public partial class Tensor
{
    /// <summary>Sum of all elements, a 0-d tensor.</summary>
    public Tensor Sum() => throw new NotImplementedException();

    /// <summary>Sum along <paramref name="axis"/>; the axis is removed unless <paramref name="keepDim"/>.</summary>
    public Tensor Sum(int axis, bool keepDim = false) => throw new NotImplementedException();

    public Tensor Mean() => throw new NotImplementedException();

    public Tensor Mean(int axis, bool keepDim = false) => throw new NotImplementedException();

    /// <summary>Maximum along <paramref name="axis"/>; the gradient goes to the first maximal element.</summary>
    public Tensor Max(int axis, bool keepDim = false) => throw new NotImplementedException();

    /// <summary>Index of the maximum along <paramref name="axis"/>, flattened in row-major order of the remaining dims.</summary>
    public int[] ArgMax(int axis = -1) => throw new NotImplementedException();
}
