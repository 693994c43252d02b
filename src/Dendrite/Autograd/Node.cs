using Dendrite.Tensors;

namespace Dendrite.Autograd;

/// <summary>
/// Computes the gradients of an op's inputs from the gradient of its output.
/// Returns one entry per input (null where no gradient is needed); each entry has the input's shape.
/// Runs with gradient recording switched off.
/// </summary>
public delegate Tensor?[] BackwardFunction(Tensor gradOutput);

/// <summary>One recorded op in the autograd graph: its inputs and how to send a gradient back to them.</summary>
public sealed class Node
{
    internal Node(string name, Tensor[] inputs, BackwardFunction backward)
    {
        Name = name;
        Inputs = inputs;
        Backward = backward;
    }

    /// <summary>The op's name, e.g. "matmul".</summary>
    public string Name { get; }

    internal Tensor[] Inputs { get; }

    internal BackwardFunction Backward { get; }

    /// <summary>The op name with "Backward" appended, e.g. "matmulBackward" (PyTorch's grad_fn naming).</summary>
    public override string ToString() => Name + "Backward";
}
