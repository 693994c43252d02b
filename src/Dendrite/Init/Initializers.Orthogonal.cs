using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Init;

public static partial class Initializers
{
    /// <summary>
    /// A (semi-)orthogonal matrix times <paramref name="gain"/>, as torch.nn.init.orthogonal_: the tensor is viewed
    /// as [rows = dim 0, cols = rest]; A ~ N(0, 1) is drawn row-major, transposed when rows &lt; cols, factored
    /// A = QR with diag(R) &gt; 0 (the sign correction that makes Q Haar-distributed), and Q (or Qᵀ) is written back.
    /// So WᵀW = gain²·I when rows ≥ cols and WWᵀ = gain²·I otherwise.
    /// The QR is modified Gram–Schmidt in double with a second orthogonalization pass ("twice is enough"),
    /// which keeps Q orthogonal to ~1e-15 before the float rounding; Gram–Schmidt yields diag(R) &gt; 0 directly.
    /// </summary>
    /// <exception cref="ShapeMismatchException">the tensor has fewer than 2 dimensions.</exception>
    public static Tensor Orthogonal(Tensor t, Rng rng, float gain = 1f)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(rng);
        if (t.Rank < 2)
            throw new ShapeMismatchException($"orthogonal init needs a tensor with at least 2 dimensions, got {t.ShapeString}");
        if (t.Size == 0) return t;
        int rows = t.Dim(0), cols = t.Size / rows;
        var draw = new double[rows * cols];
        for (int i = 0; i < draw.Length; i++) draw[i] = rng.NextNormal();

        bool transposed = rows < cols;
        int m = transposed ? cols : rows, n = transposed ? rows : cols; // A is m×n with m ≥ n
        var q = new double[n][];
        for (int j = 0; j < n; j++)
        {
            var col = new double[m];
            for (int i = 0; i < m; i++) col[i] = transposed ? draw[j * cols + i] : draw[i * cols + j];
            for (int pass = 0; pass < 2; pass++)
            {
                for (int k = 0; k < j; k++)
                {
                    double dot = 0;
                    for (int i = 0; i < m; i++) dot += q[k][i] * col[i];
                    for (int i = 0; i < m; i++) col[i] -= dot * q[k][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < m; i++) norm += col[i] * col[i];
            norm = Math.Sqrt(norm);
            for (int i = 0; i < m; i++) col[i] /= norm;
            q[j] = col;
        }

        float[] d = t.Data;
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < m; i++)
            {
                float v = (float)(gain * q[j][i]);
                if (transposed) d[j * cols + i] = v;
                else d[i * cols + j] = v;
            }
        }
        return t;
    }
}
