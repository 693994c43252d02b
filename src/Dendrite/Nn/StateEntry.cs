using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// One entry of a module's state: a parameter or a buffer under its dotted path ("0.weight",
/// "2.running_mean"). <see cref="Tensor"/> is the module's live storage.
/// </summary>
/// <param name="Name">The dotted path, as PyTorch's <c>state_dict</c> names it.</param>
/// <param name="Tensor">The live tensor (a <see cref="Parameter"/> for parameters).</param>
/// <param name="IsBuffer">True for buffers (running statistics, counters), false for learnable parameters.</param>
public readonly record struct StateEntry(string Name, Tensor Tensor, bool IsBuffer);
