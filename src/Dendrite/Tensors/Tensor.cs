using Dendrite.Autograd;

namespace Dendrite.Tensors;

/// <summary>
/// A dense, row-major, float32 n-dimensional array that can take part in reverse-mode automatic differentiation.
/// Storage is always contiguous and starts at index 0 of <see cref="Data"/>; views created by
/// <see cref="Reshape"/> share that array. Ops live in partial files grouped by family (Tensor.Arithmetic.cs, …),
/// each op's backward beside its forward.
/// </summary>
public partial class Tensor
{
    private readonly int[] _shape;

    /// <summary>Backing storage, exactly <see cref="Size"/> elements, row-major.</summary>
    public float[] Data { get; }

    /// <summary>The gradient accumulated by <see cref="Backward()"/> (leaves only, like PyTorch).</summary>
    public Tensor? Grad { get; set; }

    /// <summary>True when gradients flow into this tensor.</summary>
    public bool RequiresGrad { get; set; }

    /// <summary>The op that produced this tensor, or null for a leaf.</summary>
    public Node? GradFn { get; internal set; }

    /// <summary>
    /// Wraps <paramref name="data"/> as a tensor of <paramref name="shape"/> without copying it (later writes to the
    /// array show through); the shape is copied. No shape means a 0-d scalar, which needs one element.
    /// </summary>
    /// <param name="data">Row-major values; its length must be the product of <paramref name="shape"/>.</param>
    /// <param name="shape">Dimension lengths, each ≥ 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="shape"/> is null.</exception>
    /// <exception cref="ShapeMismatchException">
    /// A dimension is negative, or the product of <paramref name="shape"/> differs from the length of
    /// <paramref name="data"/>.
    /// </exception>
    public Tensor(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        long size = ShapeSize(shape);
        if (size != data.Length)
            throw new ShapeMismatchException($"data has {data.Length} elements but shape {Format(shape)} needs {size}");
        Data = data;
        _shape = (int[])shape.Clone();
    }

    /// <summary>Shape as a read-only span (length = rank).</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>Copy of the shape.</summary>
    public int[] ShapeArray => (int[])_shape.Clone();

    /// <summary>Number of dimensions: 0 for a scalar, 2 for a [batch, features] matrix.</summary>
    public int Rank => _shape.Length;

    /// <summary>
    /// Number of elements: the product of <see cref="Shape"/>, 1 for a scalar, 0 if a dimension is 0.
    /// </summary>
    public int Size => Data.Length;

    /// <summary>Length of dimension <paramref name="dim"/>; negative values count from the end.</summary>
    public int Dim(int dim) => _shape[NormalizeAxis(dim, Rank)];

    /// <summary>
    /// Writable view of <see cref="Data"/>. Writes through it are not recorded by autograd, so change values in place
    /// only outside a graph (initialization, optimizer steps).
    /// </summary>
    public Span<float> Span => Data;

    /// <summary>
    /// True when no op produced this tensor (<see cref="GradFn"/> is null): user-created tensors, parameters and
    /// results computed while gradients were not recorded. <see cref="Backward()"/> fills <see cref="Grad"/> only on
    /// leaves.
    /// </summary>
    public bool IsLeaf => GradFn is null;

    /// <summary>The single value of a one-element tensor.</summary>
    public float Item()
    {
        if (Size != 1) throw new ShapeMismatchException($"Item() needs a one-element tensor, got shape {ShapeString}");
        return Data[0];
    }

    /// <summary>The shape as text, e.g. "[64, 784]"; "[]" for a scalar. Used in error messages.</summary>
    public string ShapeString => Format(_shape);

    /// <summary>Same data, new shape (a view: no copy). One dimension may be -1 and is inferred.</summary>
    public Tensor Reshape(params int[] shape)
    {
        int[] resolved = ResolveShape(shape, Size);
        var result = new Tensor(Data, resolved);
        if (AutogradContext.ShouldRecord(this))
        {
            int[] original = _shape;
            result.AttachGradFn("reshape", [this], g => [g.Reshape(original)]);
        }
        return result;
    }

    /// <summary>Reshape to [batch, rest] (what <c>Flatten</c> does).</summary>
    public Tensor Flatten2D() => Reshape(_shape.Length == 0 ? 1 : _shape[0], -1);

    /// <summary>A copy that shares nothing and records no history.</summary>
    public Tensor Clone() => new((float[])Data.Clone(), _shape);

    /// <summary>Same data, cut from the graph (no gradient flows through it).</summary>
    public Tensor Detach() => new(Data, _shape);

    /// <summary>Copy of the data as a flat array.</summary>
    public float[] ToArray() => (float[])Data.Clone();

    /// <summary>Copy of a 2-D tensor as a jagged array.</summary>
    public float[][] ToArray2D()
    {
        if (Rank != 2) throw new ShapeMismatchException($"ToArray2D needs a 2-D tensor, got {ShapeString}");
        var rows = new float[_shape[0]][];
        for (int i = 0; i < rows.Length; i++) rows[i] = Data.AsSpan(i * _shape[1], _shape[1]).ToArray();
        return rows;
    }

    /// <summary>Clears <see cref="Grad"/>.</summary>
    public void ZeroGrad() => Grad = null;

    internal static long ShapeSize(ReadOnlySpan<int> shape)
    {
        long size = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ShapeMismatchException($"negative dimension in shape {Format(shape)}");
            size *= d;
        }
        return size;
    }

    internal static int NormalizeAxis(int axis, int rank)
    {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw new ShapeMismatchException($"axis {axis} is out of range for rank {rank}");
        return a;
    }

    internal static int[] ResolveShape(int[] shape, int size)
    {
        int[] resolved = (int[])shape.Clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < resolved.Length; i++)
        {
            if (resolved[i] == -1)
            {
                if (inferred >= 0) throw new ShapeMismatchException($"only one dimension may be -1 in {Format(shape)}");
                inferred = i;
            }
            else known *= resolved[i];
        }
        if (inferred >= 0)
        {
            if (known == 0 || size % known != 0)
                throw new ShapeMismatchException($"cannot reshape {size} elements to {Format(shape)}");
            resolved[inferred] = (int)(size / known);
        }
        if (ShapeSize(resolved) != size)
            throw new ShapeMismatchException($"cannot reshape {size} elements to {Format(shape)}");
        return resolved;
    }

    internal static string Format(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";
}
