using System.Globalization;
using System.Text;
using Dendrite.Nn.Configs;
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
    /// The output shape for an input of shape <paramref name="inputShape"/>. Library layers with weights compute it
    /// from their sizes and throw <see cref="ShapeMismatchException"/> when they cannot take that shape. The default,
    /// which activations and custom modules use, runs <see cref="Forward"/> once on zeros of that shape, in eval mode
    /// and without gradients, so it is right whatever the forward does.
    /// </summary>
    public virtual int[] OutputShape(ReadOnlySpan<int> inputShape)
    {
        bool wasTraining = IsTraining;
        Eval();
        try
        {
            using var _ = Autograd.AutogradContext.NoGrad();
            return Forward(Tensor.Zeros(inputShape.ToArray())).ShapeArray;
        }
        finally
        {
            Train(wasTraining);
        }
    }

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

    /// <summary>
    /// Every parameter and buffer with its dotted path, in PyTorch's <c>state_dict</c> order: a module's own
    /// parameters, then its own buffers, then each child's entries in turn. The tensors are the live storage.
    /// </summary>
    public IEnumerable<StateEntry> StateEntries()
    {
        foreach (var p in LocalParameters()) yield return new StateEntry(p.Name, p.Parameter, false);
        foreach (var b in LocalBuffers()) yield return new StateEntry(b.Name, b.Buffer, true);
        foreach (var (name, child) in NamedChildren())
            foreach (var s in child.StateEntries())
                yield return s with { Name = name + "." + s.Name };
    }

    /// <summary>
    /// A copy of every parameter and buffer by dotted path ("0.weight", "block.fc1.bias", "2.running_mean"), in
    /// <see cref="StateEntries"/> order: what PyTorch's <c>state_dict()</c> returns for the same architecture, so the
    /// two load into each other. The copies are independent of the model (training on does not change them).
    /// </summary>
    public OrderedDictionary<string, Tensor> StateDict()
    {
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var s in StateEntries()) result.Add(s.Name, s.Tensor.Detach().Clone());
        return result;
    }

    /// <summary>
    /// Copies <paramref name="state"/> into this model's parameters and buffers, in place (a compiled fused plan keeps
    /// seeing them). Every key present in both must have the same shape, or nothing is copied and
    /// <see cref="StateDictException"/> names each mis-shaped key. With <paramref name="strict"/> (the default), a key
    /// of the model missing from <paramref name="state"/> or a key of <paramref name="state"/> the model lacks is an
    /// error too, listed by name; otherwise those keys are reported in the result and skipped.
    /// </summary>
    /// <exception cref="StateDictException">a mismatch, before anything is copied.</exception>
    public StateDictLoadResult LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var live = StateEntries().ToList();
        var known = new HashSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        var misShaped = new List<string>();
        foreach (var entry in live)
        {
            known.Add(entry.Name);
            if (!state.TryGetValue(entry.Name, out Tensor? t)) missing.Add(entry.Name);
            else if (!t.Shape.SequenceEqual(entry.Tensor.Shape))
                misShaped.Add($"{entry.Name} has shape {t.ShapeString}, the model needs {entry.Tensor.ShapeString}");
        }
        var unexpected = state.Keys.Where(k => !known.Contains(k)).ToList();
        var problems = new List<string>();
        if (strict && missing.Count > 0) problems.Add("missing keys " + ListNames(missing));
        if (strict && unexpected.Count > 0) problems.Add("unexpected keys " + ListNames(unexpected));
        if (misShaped.Count > 0) problems.Add(ListNames(misShaped));
        if (problems.Count > 0)
            throw new StateDictException($"state dict does not fit {GetType().Name}: {string.Join("; ", problems)}");
        foreach (var entry in live)
            if (state.TryGetValue(entry.Name, out Tensor? t)) t.Data.AsSpan().CopyTo(entry.Tensor.Data);
        return new StateDictLoadResult(missing, unexpected);
    }

    /// <summary>"a, b, c and 4 more": keeps an error line short whatever the model's size.</summary>
    private static string ListNames(List<string> names)
    {
        const int Shown = 4;
        string head = string.Join(", ", names.Take(Shown));
        return names.Count > Shown ? $"{head} and {names.Count - Shown} more" : head;
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
        var children = NamedChildren().ToList();
        if (children.Count == 0)
        {
            rows.Add(new SummaryRow(label, Tensor.Format(output), FormatCount(ParameterCount)));
            return output;
        }
        // A custom module applies its children in an order only its Forward knows: list each descendant with its
        // parameters (shape unknown, "-"), then the module itself with its output shape and its own parameters.
        foreach (var (childName, child) in children) child.CollectChildRows(name.Length == 0 ? childName : name + "." + childName, rows);
        rows.Add(new SummaryRow(label, Tensor.Format(output), FormatCount(LocalParameters().Sum(p => (long)p.Parameter.Size))));
        return output;
    }

    /// <summary>Rows for this module and its descendants inside a custom module, whose shapes are not known.</summary>
    private void CollectChildRows(string name, List<SummaryRow> rows)
    {
        var children = NamedChildren().ToList();
        foreach (var (childName, child) in children) child.CollectChildRows(name + "." + childName, rows);
        long own = children.Count == 0 ? ParameterCount : LocalParameters().Sum(p => (long)p.Parameter.Size);
        rows.Add(new SummaryRow(name + "  " + ToString(), "-", FormatCount(own)));
    }

    /// <summary>
    /// This module as data (<see cref="LayerConfig"/>), so that it can be saved and rebuilt, or null when it is not
    /// a library layer (a custom module: save its <see cref="StateDict"/> and load it into a model you build). The
    /// default describes registered activations (<see cref="ActivationRegistry"/>) with their parameters.
    /// </summary>
    public virtual LayerConfig? ToConfig() =>
        ActivationRegistry.TryDescribe(this, out ActivationInfo? info) ? new ActivationConfig(info.Name, info.ParametersOf(this)) : null;

    /// <summary>Short description of the layer and its shape, e.g. "Linear(in=784, out=256, bias=True)".</summary>
    public override string ToString() => GetType().Name + "()";

    internal static string FormatCount(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>One line of <see cref="Summary"/>.</summary>
    internal readonly record struct SummaryRow(string Layer, string Shape, string Params);
}
