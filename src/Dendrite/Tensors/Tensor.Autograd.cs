using Dendrite.Autograd;

namespace Dendrite.Tensors;

public partial class Tensor
{
    /// <summary>Records that this tensor was produced by op <paramref name="name"/> from <paramref name="inputs"/>.</summary>
    internal void AttachGradFn(string name, Tensor[] inputs, BackwardFunction backward)
    {
        RequiresGrad = true;
        GradFn = new Node(name, inputs, backward);
    }

    /// <summary>
    /// Back-propagates from this scalar: adds d(this)/d(leaf) into every leaf's <see cref="Grad"/>
    /// that has <see cref="RequiresGrad"/>. Gradients accumulate across calls until <see cref="ZeroGrad"/>.
    /// </summary>
    public void Backward()
    {
        if (Size != 1)
            throw new InvalidOperationException($"Backward() without a gradient needs a scalar, got shape {ShapeString}");
        Backward(Ones(_shape));
    }

    /// <summary>Back-propagates with an explicit output gradient of this tensor's shape.</summary>
    public void Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        if (!RequiresGrad) throw new InvalidOperationException("Backward() on a tensor that does not require grad");
        if (!gradOutput.Shape.SequenceEqual(Shape))
            throw new ShapeMismatchException($"gradient shape {gradOutput.ShapeString} does not match {ShapeString}");

        List<Tensor> order = TopologicalOrder(this);
        var pending = new Dictionary<Tensor, Tensor>(ReferenceEqualityComparer.Instance) { [this] = gradOutput };
        using var _ = AutogradContext.NoGrad();
        for (int i = order.Count - 1; i >= 0; i--)
        {
            Tensor t = order[i];
            if (!pending.Remove(t, out Tensor? g)) continue;
            if (t.GradFn is null)
            {
                t.Grad = t.Grad is null ? g.Clone() : AddInPlace(t.Grad, g);
                continue;
            }
            Tensor?[] grads = t.GradFn.Backward(g);
            Tensor[] inputs = t.GradFn.Inputs;
            for (int k = 0; k < inputs.Length; k++)
            {
                Tensor? gk = grads[k];
                Tensor input = inputs[k];
                if (gk is null || !input.RequiresGrad) continue;
                if (!gk.Shape.SequenceEqual(input.Shape))
                    throw new InvalidOperationException(
                        $"internal: {t.GradFn.Name} backward gave shape {gk.ShapeString} for input {input.ShapeString}");
                // Own a fresh buffer before accumulating: an op may hand back a view of its output gradient.
                pending[input] = pending.TryGetValue(input, out Tensor? acc) ? AddInPlace(acc.GradOwned ? acc : acc.Clone().MarkOwned(), gk) : gk;
            }
        }
    }

    /// <summary>True when this tensor is a private gradient buffer the engine may add into.</summary>
    internal bool GradOwned { get; private set; }

    private Tensor MarkOwned()
    {
        GradOwned = true;
        return this;
    }

    private static Tensor AddInPlace(Tensor acc, Tensor g)
    {
        Kernels.Elementwise.Arith.AddInPlace(acc.Data, g.Data);
        return acc;
    }

    private static List<Tensor> TopologicalOrder(Tensor root)
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor Tensor, int NextInput)>();
        stack.Push((root, 0));
        visited.Add(root);
        while (stack.Count > 0)
        {
            var (t, next) = stack.Pop();
            Tensor[] inputs = t.GradFn?.Inputs ?? [];
            if (next < inputs.Length)
            {
                stack.Push((t, next + 1));
                Tensor child = inputs[next];
                if (child.RequiresGrad && visited.Add(child)) stack.Push((child, 0));
            }
            else order.Add(t); // post-order: inputs before the tensors made from them
        }
        return order;
    }
}
