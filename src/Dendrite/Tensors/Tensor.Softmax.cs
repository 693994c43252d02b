namespace Dendrite.Tensors;

/// <summary>Softmax and log-softmax, computed with the max subtracted so exp never overflows.</summary>
public partial class Tensor
{
    public Tensor Softmax(int axis = -1) => throw new NotImplementedException();

    public Tensor LogSoftmax(int axis = -1) => throw new NotImplementedException();
}
