using System.Globalization;
using System.Text;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// A differentiable building block: maps an input tensor to an output tensor and owns learnable
/// <see cref="Parameter"/>s, directly or through child modules. Modules are thin: the maths lives in
/// <see cref="Functional.F"/> and the tensor ops; a module holds parameters, mode and shape bookkeeping.
/// </summary>
public abstract class Module
{
    /// <summary>Computes the output for <paramref name="input"/>, recording autograd history when enabled.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>
    /// The output shape for an input of shape <paramref name="inputShape"/>, without computing anything.
    /// Throws <see cref="ShapeMismatchException"/> when the module cannot take that shape.
    /// The default suits shape-preserving modules (activations).
    /// </summary>
    public virtual int[] OutputShape(ReadOnlySpan<int> inputShape) => inputShape.ToArray();

    /// <summary>True in training mode (the default), false after <see cref="Eval"/>. Dropout and batch norm read it.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Sets training mode on this module and every descendant. Returns this module.</summary>
    public Module Train(bool training = true)
    {
        IsTraining = training;
        foreach (var (_, child) in NamedChildren()) child.Train(training);
        return this;
    }

    /// <summary>Sets evaluation mode on this module and every descendant (same as <c>Train(false)</c>).</summary>
    public Module Eval() => Train(false);

    /// <summary>Direct children with their names ("0", "1", … for a Sequential). Leaves have none.</summary>
    public virtual IEnumerable<(string Name, Module Module)> NamedChildren() => [];

    /// <summary>Parameters owned directly by this module (not by children), with local names such as "weight".</summary>
    protected virtual IEnumerable<NamedParameter> LocalParameters() => [];

    /// <summary>All parameters of this module and its descendants, depth first, named by dotted path ("1.weight").</summary>
    public IEnumerable<NamedParameter> NamedParameters()
    {
        foreach (var p in LocalParameters()) yield return p;
        foreach (var (name, child) in NamedChildren())
            foreach (var p in child.NamedParameters())
                yield return new NamedParameter(name + "." + p.Name, p.Parameter);
    }

    /// <summary>
    /// Non-learnable state owned directly by this module (e.g. batch norm's "running_mean"), with local names.
    /// Buffers are saved in checkpoints but never handed to an optimizer.
    /// </summary>
    protected virtual IEnumerable<NamedBuffer> LocalBuffers() => [];

    /// <summary>All buffers of this module and its descendants, depth first, named by dotted path ("2.running_mean").</summary>
    public IEnumerable<NamedBuffer> NamedBuffers()
    {
        foreach (var b in LocalBuffers()) yield return b;
        foreach (var (name, child) in NamedChildren())
            foreach (var b in child.NamedBuffers())
                yield return new NamedBuffer(name + "." + b.Name, b.Buffer);
    }

    /// <summary>All parameters in the order of <see cref="NamedParameters"/> (what an optimizer takes).</summary>
    public IEnumerable<Parameter> Parameters() => NamedParameters().Select(p => p.Parameter);

    /// <summary>This module and all its descendants, depth first (e.g. to initialize every Linear layer).</summary>
    public IEnumerable<Module> Modules()
    {
        yield return this;
        foreach (var (_, child) in NamedChildren())
            foreach (var m in child.Modules()) yield return m;
    }

    /// <summary>Clears the gradient of every parameter.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.ZeroGrad();
    }

    /// <summary>Total number of learnable scalars.</summary>
    public long ParameterCount => Parameters().Sum(p => (long)p.Size);

    /// <summary>
    /// A text table with one row per leaf layer: its name, description, output shape for an input of
    /// <paramref name="inputShape"/> and parameter count, followed by the total.
    /// </summary>
    public string Summary(params int[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        var rows = new List<SummaryRow>();
        CollectSummaryRows("", inputShape, rows);
        var header = new SummaryRow("Layer", "Output shape", "Params");
        int w0 = Math.Max(header.Layer.Length, rows.Count == 0 ? 0 : rows.Max(r => r.Layer.Length));
        int w1 = Math.Max(header.Shape.Length, rows.Count == 0 ? 0 : rows.Max(r => r.Shape.Length));
        int w2 = Math.Max(header.Params.Length, rows.Count == 0 ? 0 : rows.Max(r => r.Params.Length));
        var sb = new StringBuilder();
        void Line(SummaryRow r) => sb.Append(r.Layer.PadRight(w0)).Append("  ").Append(r.Shape.PadRight(w1))
            .Append("  ").Append(r.Params.PadLeft(w2)).Append('\n');
        Line(header);
        sb.Append(new string('-', w0 + w1 + w2 + 4)).Append('\n');
        foreach (var r in rows) Line(r);
        sb.Append(new string('-', w0 + w1 + w2 + 4)).Append('\n');
        sb.Append("Total params: ").Append(FormatCount(ParameterCount)).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// Adds summary rows for this module fed with <paramref name="inputShape"/> and returns its output shape.
    /// Containers override this to thread the shape through their children.
    /// </summary>
    internal virtual int[] CollectSummaryRows(string name, int[] inputShape, List<SummaryRow> rows)
    {
        int[] output = OutputShape(inputShape);
        string label = name.Length == 0 ? ToString() : name + "  " + ToString();
        rows.Add(new SummaryRow(label, Tensor.Format(output), FormatCount(ParameterCount)));
        return output;
    }

    /// <summary>Short description of the layer and its shape, e.g. "Linear(in=784, out=256, bias=True)".</summary>
    public override string ToString() => GetType().Name + "()";

    internal static string FormatCount(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>One line of <see cref="Summary"/>.</summary>
    internal readonly record struct SummaryRow(string Layer, string Shape, string Params);
}
