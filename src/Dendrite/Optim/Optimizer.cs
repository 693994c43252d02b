using Dendrite.Autograd;
using Dendrite.Kernels.Threading;
using Dendrite.Tensors;

namespace Dendrite.Optim;

/// <summary>
/// Shared plumbing for optimizers: owns the parameter list, the learning rate, per-parameter step counts, state
/// buffers and scratch space; runs the update under NoGrad, checks gradient shapes and hands each parameter to a
/// span-level rule. Subclasses implement only <see cref="Update"/>. All buffers are allocated in the constructor,
/// so <see cref="Step"/> allocates nothing. Every rule is elementwise, so a large parameter is updated in slices
/// split over the kernel threads (<see cref="KernelThreads.Count"/>), with bit-identical results for any count.
/// </summary>
public abstract partial class Optimizer : IOptimizer
{
    private readonly Parameter[] _parameters;
    private readonly long[] _steps;
    private readonly List<(string Name, float[][] PerParameter)> _buffers = [];
    private float[][] _scratch = [];
    private float[] _decayScratch = [];
    private float _learningRate;

    /// <summary>
    /// Takes the parameters to update, in order (index i names their state: "i.step", "i.exp_avg", …), with learning
    /// rate 0; optimizers with a step size use the overload that sets it.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> or one of its entries is null.</exception>
    /// <exception cref="ArgumentException">
    /// A parameter is listed twice (it would be updated twice per step).
    /// </exception>
    protected Optimizer(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters.ToArray();
        var seen = new HashSet<Parameter>(ReferenceEqualityComparer.Instance);
        foreach (var p in _parameters)
        {
            ArgumentNullException.ThrowIfNull(p, nameof(parameters));
            // A parameter listed twice would be updated twice per step.
            if (!seen.Add(p)) throw new ArgumentException($"parameter {p.ShapeString} is listed twice", nameof(parameters));
        }
        _steps = new long[_parameters.Length];
    }

    /// <summary>Builds the base and sets the initial learning rate, which must be finite and &gt; 0.</summary>
    protected Optimizer(IEnumerable<Parameter> parameters, float learningRate) : this(parameters)
    {
        OptionCheck.Positive(learningRate, "LearningRate");
        _learningRate = learningRate;
    }

    /// <summary>
    /// The parameters in the order given; position i is the i of the state keys in <see cref="ExportState"/>.
    /// </summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <inheritdoc/>
    public float LearningRate
    {
        get => _learningRate;
        set
        {
            if (!float.IsFinite(value) || value < 0f)
                throw new ArgumentOutOfRangeException(nameof(value), value, "learning rate must be finite and ≥ 0");
            _learningRate = value;
        }
    }

    /// <summary>Size of the largest parameter, for sizing scratch buffers once.</summary>
    protected int MaxParameterSize => _parameters.Length == 0 ? 0 : _parameters.Max(p => p.Size);

    /// <summary>
    /// Applies one update, in place and without recording autograd history, to every parameter whose
    /// <see cref="Tensor.Grad"/> is set, and counts a step for those only (PyTorch's per-parameter step). Large
    /// parameters are split over the kernel threads with bit-identical results; nothing is allocated. Not thread-safe:
    /// call it from one thread, never during a backward pass.
    /// </summary>
    /// <exception cref="ShapeMismatchException">
    /// A gradient's size differs from its parameter's; the parameters before it in the list are already updated.
    /// </exception>
    public void Step()
    {
        using var _ = AutogradContext.NoGrad();
        for (int i = 0; i < _parameters.Length; i++)
        {
            Parameter p = _parameters[i];
            if (p.Grad is not { } grad) continue;
            if (grad.Size != p.Size)
                throw new ShapeMismatchException($"gradient {grad.ShapeString} does not match parameter {p.ShapeString}");
            // Counted per parameter, as PyTorch does: a parameter that had no gradient has not taken a step.
            _steps[i]++;
            UpdateSliced(i, p.Data, grad.Data);
        }
    }

    /// <summary>
    /// Sets every parameter's <see cref="Tensor.Grad"/> to null (PyTorch's set_to_none), so the next backward starts
    /// from zero and a parameter that gets no gradient is skipped by <see cref="Step"/>.
    /// </summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters) p.ZeroGrad();
    }

    /// <summary>
    /// Updates elements offset..offset+param.Length of parameter number <paramref name="index"/> in place from the
    /// same slice of its gradient (<paramref name="param"/> and <paramref name="grad"/> are that slice). Slices of
    /// one parameter may run concurrently on different threads: read and write only this slice of any per-parameter
    /// state (<see cref="Slice"/>) and of the scratch buffers (<see cref="Scratch"/>).
    /// </summary>
    protected abstract void Update(int index, int offset, Span<float> param, ReadOnlySpan<float> grad);

    /// <summary>Elements offset..offset+length of parameter <paramref name="index"/>'s buffer in <paramref name="state"/>.</summary>
    protected static Span<float> Slice(float[][] state, int index, int offset, int length) => state[index].AsSpan(offset, length);

    /// <summary>How many updates parameter <paramref name="index"/> has received, counting the one in progress (1 on the first).</summary>
    protected long StepCount(int index) => _steps[index];

    /// <summary>
    /// Allocates one buffer per parameter, each as long as its parameter and filled with
    /// <paramref name="initialValue"/>, and registers it for export under <paramref name="name"/>. Call from the
    /// constructor only.
    /// </summary>
    protected float[][] AddStateBuffer(string name, float initialValue = 0f)
    {
        var perParameter = new float[_parameters.Length][];
        for (int i = 0; i < perParameter.Length; i++)
        {
            perParameter[i] = new float[_parameters[i].Size];
            if (initialValue != 0f) Array.Fill(perParameter[i], initialValue);
        }
        _buffers.Add((name, perParameter));
        return perParameter;
    }

    /// <summary>Reserves <paramref name="count"/> work buffers of the largest parameter's size. Call from the constructor only.</summary>
    protected void ReserveScratch(int count)
    {
        _scratch = new float[count][];
        for (int i = 0; i < count; i++) _scratch[i] = new float[MaxParameterSize];
    }

    /// <summary>
    /// A <see cref="WeightDecay"/> for this optimizer, with the work buffer <see cref="Decayed"/> writes g + λ·p
    /// into allocated here when λ &gt; 0 (none when it is 0). Call from the constructor only.
    /// </summary>
    protected WeightDecay NewWeightDecay(float coefficient)
    {
        var decay = new WeightDecay(coefficient);
        if (coefficient > 0f) _decayScratch = new float[MaxParameterSize];
        return decay;
    }

    /// <summary>The slice's gradient after <paramref name="decay"/> (from <see cref="NewWeightDecay"/>): grad itself when λ = 0.</summary>
    protected ReadOnlySpan<float> Decayed(WeightDecay decay, int offset, ReadOnlySpan<float> param, ReadOnlySpan<float> grad) =>
        decay.Coefficient == 0f ? grad : decay.EffectiveGradient(param, grad, _decayScratch.AsSpan(offset, grad.Length));

    /// <summary>Elements offset..offset+length of work buffer number <paramref name="slot"/>; contents are garbage.</summary>
    protected Span<float> Scratch(int slot, int offset, int length) => _scratch[slot].AsSpan(offset, length);

    /// <summary>
    /// A deep copy of the state: scalars "lr" and "i.step" for each parameter, and each state buffer as "i.name"
    /// (e.g. "0.exp_avg"), keys in ordinal order. Later steps do not change it.
    /// </summary>
    public OptimizerState ExportState()
    {
        var buffers = new SortedDictionary<string, float[]>(StringComparer.Ordinal);
        var scalars = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["lr"] = _learningRate };
        for (int i = 0; i < _parameters.Length; i++) scalars[$"{i}.step"] = _steps[i];
        foreach (var (name, perParameter) in _buffers)
            for (int i = 0; i < perParameter.Length; i++) buffers[$"{i}.{name}"] = (float[])perParameter[i].Clone();
        return new OptimizerState(buffers, scalars);
    }

    /// <summary>
    /// Restores a state from <see cref="ExportState"/> of an optimizer of the same kind, options and parameter sizes,
    /// so training resumes bit-identically. Everything is checked before anything is changed: a state that does not
    /// fit leaves this optimizer as it was.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="OptimizerStateException">
    /// The keys differ from this optimizer's, a buffer's length differs from its parameter's size, "lr" is not finite
    /// and ≥ 0, or a step count is not a whole number ≥ 0.
    /// </exception>
    public void ImportState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        // Validate everything before changing anything, so a bad checkpoint leaves the optimizer as it was.
        var expected = ExportState();
        RequireSameKeys("buffer", expected.Buffers.Keys, state.Buffers);
        RequireSameKeys("scalar", expected.Scalars.Keys, state.Scalars);
        foreach (var (key, value) in expected.Buffers)
            if (state.Buffers[key].Length != value.Length)
                throw new OptimizerStateException(
                    $"optimizer state buffer '{key}' has {state.Buffers[key].Length} values, expected {value.Length} (the parameter's size)");
        double lr = state.Scalars["lr"];
        if (!double.IsFinite(lr) || lr < 0) throw new OptimizerStateException($"optimizer state 'lr' is {lr}, expected a finite value ≥ 0");
        for (int i = 0; i < _steps.Length; i++)
        {
            double step = state.Scalars[$"{i}.step"];
            if (step < 0 || step != Math.Floor(step))
                throw new OptimizerStateException($"optimizer state '{i}.step' is {step}, expected a whole number ≥ 0");
        }

        _learningRate = (float)lr;
        for (int i = 0; i < _steps.Length; i++) _steps[i] = (long)state.Scalars[$"{i}.step"];
        foreach (var (name, perParameter) in _buffers)
            for (int i = 0; i < perParameter.Length; i++) state.Buffers[$"{i}.{name}"].CopyTo(perParameter[i], 0);
    }

    private static void RequireSameKeys<T>(string what, IEnumerable<string> expected, IReadOnlyDictionary<string, T> actual)
    {
        var missing = expected.Where(k => !actual.ContainsKey(k)).ToList();
        var extra = actual.Keys.Except(expected, StringComparer.Ordinal).ToList();
        if (missing.Count == 0 && extra.Count == 0) return;
        throw new OptimizerStateException(
            $"optimizer state does not fit this optimizer: missing {what}s [{string.Join(", ", missing)}], " +
            $"unexpected {what}s [{string.Join(", ", extra)}] (was it saved by another optimizer kind, options or model?)");
    }
}
