using System.Collections;
using System.Text;
using Dendrite.Nn.Configs;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// Chains modules: the output of child i is the input of child i+1. Children are named by index ("0", "1", …),
/// so parameters get names like "1.weight".
/// </summary>
public sealed class Sequential : Module, IEnumerable<Module>
{
    private readonly List<Module> _layers = [];

    /// <summary>
    /// A container applying <paramref name="layers"/> in the given order. Each is put in this container's mode, which
    /// is training for a new container (see <see cref="Add"/>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="layers"/> or one of its entries is null.</exception>
    public Sequential(params Module[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        foreach (var layer in layers) Add(layer);
    }

    /// <summary>Number of children.</summary>
    public int Count => _layers.Count;

    /// <summary>The child at <paramref name="index"/> (0-based), the one named by that number.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="index"/> is outside [0, <see cref="Count"/>).
    /// </exception>
    public Module this[int index] => _layers[index];

    /// <summary>Appends <paramref name="layer"/>; it takes this container's current mode.</summary>
    public Sequential Add(Module layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        layer.Train(IsTraining);
        _layers.Add(layer);
        return this;
    }

    /// <summary>x → child 0 → child 1 → … → output; with no children the input itself is returned.</summary>
    public override Tensor Forward(Tensor input)
    {
        Tensor x = input;
        foreach (var layer in _layers) x = layer.Forward(x);
        return x;
    }

    /// <summary>
    /// The shape after each child's <see cref="Module.OutputShape"/> in turn; the first child that cannot take its
    /// input shape throws.
    /// </summary>
    /// <exception cref="ShapeMismatchException">
    /// A child cannot take the shape produced by the children before it.
    /// </exception>
    public override int[] OutputShape(ReadOnlySpan<int> inputShape)
    {
        int[] shape = inputShape.ToArray();
        foreach (var layer in _layers) shape = layer.OutputShape(shape);
        return shape;
    }

    /// <summary>
    /// The children in order, named "0", "1", … (invariant culture), as torch.nn.Sequential names them.
    /// </summary>
    public override IEnumerable<(string Name, Module Module)> NamedChildren()
    {
        for (int i = 0; i < _layers.Count; i++) yield return (i.ToString(System.Globalization.CultureInfo.InvariantCulture), _layers[i]);
    }

    internal override int[] CollectSummaryRows(string name, int[] inputShape, List<SummaryRow> rows)
    {
        int[] shape = inputShape;
        foreach (var (childName, child) in NamedChildren())
            shape = child.CollectSummaryRows(name.Length == 0 ? childName : name + "." + childName, shape, rows);
        return shape;
    }

    /// <summary>The children's descriptions, or null when any child has none (a custom module).</summary>
    public override LayerConfig? ToConfig()
    {
        var layers = new List<LayerConfig>(_layers.Count);
        foreach (Module layer in _layers)
        {
            if (layer.ToConfig() is not { } c) return null;
            layers.Add(c);
        }
        return new SequentialConfig(layers);
    }

    /// <summary>The children in order (not their descendants; see <see cref="Module.Modules"/>).</summary>
    public IEnumerator<Module> GetEnumerator() => _layers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>PyTorch-style listing of the children, then the parameter count.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("Sequential(\n");
        foreach (var (name, child) in NamedChildren())
        {
            string inner = child.ToString().Replace("\n", "\n  ", StringComparison.Ordinal);
            sb.Append("  (").Append(name).Append("): ").Append(inner).Append('\n');
        }
        return sb.Append(") params=").Append(FormatCount(ParameterCount)).ToString();
    }
}
