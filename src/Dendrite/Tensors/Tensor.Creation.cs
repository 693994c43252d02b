using Dendrite.Random;

namespace Dendrite.Tensors;

public partial class Tensor
{
    /// <summary>A new tensor of <paramref name="shape"/> filled with 0 (no shape = a 0-d scalar).</summary>
    /// <exception cref="ShapeMismatchException">A dimension is negative.</exception>
    /// <exception cref="OverflowException">The element count exceeds <see cref="int.MaxValue"/>.</exception>
    public static Tensor Zeros(params int[] shape) => new(new float[checked((int)ShapeSize(shape))], shape);

    /// <summary>A new tensor of <paramref name="shape"/> filled with 1.</summary>
    /// <exception cref="ShapeMismatchException">A dimension is negative.</exception>
    public static Tensor Ones(params int[] shape) => Full(1f, shape);

    /// <summary>A new tensor of <paramref name="shape"/> with every element set to <paramref name="value"/>.</summary>
    /// <exception cref="ShapeMismatchException">A dimension is negative.</exception>
    public static Tensor Full(float value, params int[] shape)
    {
        var t = Zeros(shape);
        t.Data.AsSpan().Fill(value);
        return t;
    }

    /// <summary>A 0-d (scalar) tensor.</summary>
    public static Tensor Scalar(float value) => new([value]);

    /// <summary>A tensor over a copy of <paramref name="values"/>; the shape defaults to 1-D.</summary>
    public static Tensor FromArray(float[] values, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new((float[])values.Clone(), shape.Length == 0 ? [values.Length] : shape);
    }

    /// <summary>A 2-D tensor from a rectangular array.</summary>
    public static Tensor FromArray(float[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int rows = values.GetLength(0), cols = values.GetLength(1);
        var data = new float[rows * cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) data[i * cols + j] = values[i, j];
        return new(data, rows, cols);
    }

    /// <summary>[start, start+step, …) up to but excluding <paramref name="end"/>, as in numpy.arange.</summary>
    public static Tensor Arange(float start, float end, float step = 1f)
    {
        if (step == 0f) throw new ArgumentException("step must not be zero", nameof(step));
        int n = Math.Max(0, (int)Math.Ceiling((end - start) / step));
        var data = new float[n];
        for (int i = 0; i < n; i++) data[i] = start + i * step;
        return new(data, n);
    }

    /// <summary>The 1-D tensor [0, 1, …, end − 1] as floats; empty when <paramref name="end"/> ≤ 0.</summary>
    public static Tensor Arange(int end) => Arange(0f, end);

    /// <summary>Uniform samples in [low, high) drawn from <paramref name="rng"/>.</summary>
    public static Tensor Rand(Rng rng, int[] shape, float low = 0f, float high = 1f)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var t = Zeros(shape);
        float width = high - low;
        for (int i = 0; i < t.Data.Length; i++) t.Data[i] = low + width * rng.NextFloat();
        return t;
    }

    /// <summary>Normal samples with the given mean and standard deviation drawn from <paramref name="rng"/>.</summary>
    public static Tensor Randn(Rng rng, int[] shape, float mean = 0f, float std = 1f)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var t = Zeros(shape);
        for (int i = 0; i < t.Data.Length; i++) t.Data[i] = mean + std * rng.NextNormal();
        return t;
    }

    /// <summary>A zero tensor with this tensor's shape.</summary>
    public Tensor ZerosLike() => Zeros(_shape);
}
