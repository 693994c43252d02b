using System.Globalization;
using System.Text;

namespace Dendrite.Tensors;

public partial class Tensor
{
    /// <summary>Dimensions longer than this show their first and last <see cref="FormatEdgeItems"/> items only.</summary>
    private const int FormatThreshold = 6;

    private const int FormatEdgeItems = 3;

    /// <summary>
    /// numpy/PyTorch-like text on one line: nested brackets, four decimals (scientific notation for very large or
    /// small magnitudes), long dimensions elided in the middle with "...", then the shape and either
    /// requires_grad=True (a leaf) or the grad_fn that made it, e.g.
    /// <c>tensor([[1.0000, 2.0000], [3.0000, 4.0000]], shape=[2, 2])</c>.
    /// </summary>
    public override string ToString()
    {
        var sb = new StringBuilder("tensor(");
        AppendDim(sb, 0, 0);
        sb.Append(", shape=").Append(ShapeString);
        if (GradFn is not null) sb.Append(", grad_fn=").Append(GradFn);
        else if (RequiresGrad) sb.Append(", requires_grad=True");
        return sb.Append(')').ToString();
    }

    private void AppendDim(StringBuilder sb, int dim, int offset)
    {
        if (dim == Rank)
        {
            sb.Append(FormatValue(Data[offset]));
            return;
        }
        int n = _shape[dim];
        int stride = 1;
        for (int d = dim + 1; d < Rank; d++) stride *= _shape[d];
        sb.Append('[');
        bool elide = n > FormatThreshold;
        for (int i = 0; i < n; i++)
        {
            if (elide && i == FormatEdgeItems)
            {
                sb.Append("..., ");
                i = n - FormatEdgeItems;
            }
            AppendDim(sb, dim + 1, offset + i * stride);
            if (i < n - 1) sb.Append(", ");
        }
        sb.Append(']');
    }

    private static string FormatValue(float v)
    {
        if (float.IsNaN(v)) return "nan";
        if (float.IsPositiveInfinity(v)) return "inf";
        if (float.IsNegativeInfinity(v)) return "-inf";
        float a = MathF.Abs(v);
        bool scientific = a >= 1e5f || (a != 0f && a < 1e-4f);
        return v.ToString(scientific ? "0.0000e+00" : "0.0000", CultureInfo.InvariantCulture);
    }
}
