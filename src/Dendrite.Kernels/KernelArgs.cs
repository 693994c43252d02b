namespace Dendrite.Kernels;

/// <summary>Argument checks shared by the row-major [rows, cols] kernels, with one wording for their messages.</summary>
internal static class KernelArgs
{
    /// <summary>A buffer of <paramref name="length"/> must hold [rows, cols].</summary>
    public static void Shape(int length, int rows, int cols, string name)
    {
        if (rows < 0 || cols < 0) throw new ArgumentOutOfRangeException(nameof(rows), $"negative shape [{rows}, {cols}].");
        if (length < (long)rows * cols)
            throw new ArgumentException($"{name} has length {length}, expected at least rows·cols = {rows}·{cols}.", name);
    }

    /// <summary>A per-column vector of <paramref name="length"/> must cover cols.</summary>
    public static void Columns(int length, int cols, string name)
    {
        if (length < cols) throw new ArgumentException($"{name} has length {length}, expected cols = {cols}.", name);
    }
}
