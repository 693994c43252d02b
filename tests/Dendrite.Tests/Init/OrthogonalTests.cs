using Dendrite.Init;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Tests.Init;

public class OrthogonalTests
{
    /// <summary>Max |(AᵀA or AAᵀ)ᵢⱼ − g²·δᵢⱼ| over the smaller Gram matrix, in double.</summary>
    private static double GramError(Tensor w, float gain)
    {
        int rows = w.Dim(0), cols = w.Size / rows;
        bool tall = rows >= cols;
        int n = tall ? cols : rows, len = tall ? rows : cols;
        double worst = 0;
        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b < n; b++)
            {
                double dot = 0;
                for (int k = 0; k < len; k++)
                    dot += tall ? (double)w.Data[k * cols + a] * w.Data[k * cols + b] : (double)w.Data[a * cols + k] * w.Data[b * cols + k];
                worst = Math.Max(worst, Math.Abs(dot - (a == b ? gain * gain : 0)));
            }
        }
        return worst;
    }

    [Theory]
    [InlineData(64, 32)]
    [InlineData(32, 64)]
    [InlineData(50, 50)]
    public void Orthogonal_GivesOrthonormalColumnsOrRows(int rows, int cols)
    {
        var w = Initializers.Orthogonal(Tensor.Zeros(rows, cols), new Rng(1));
        Assert.True(GramError(w, 1f) < 1e-5, $"Gram error {GramError(w, 1f)}");
    }

    [Fact]
    public void Orthogonal_ScalesByGain()
    {
        var w = Initializers.Orthogonal(Tensor.Zeros(20, 10), new Rng(2), gain: 2f);
        Assert.True(GramError(w, 2f) < 1e-5);
    }

    [Fact]
    public void Orthogonal_IsDeterministicForASeed_AndNotTheIdentity()
    {
        var a = Initializers.Orthogonal(Tensor.Zeros(6, 6), new Rng(3));
        var b = Initializers.Orthogonal(Tensor.Zeros(6, 6), new Rng(3));
        var c = Initializers.Orthogonal(Tensor.Zeros(6, 6), new Rng(4));
        Assert.Equal(a.Data, b.Data);
        Assert.NotEqual(a.Data, c.Data);
        Assert.True(a.Data.Count(v => MathF.Abs(v) > 1e-3f) > 30);
    }

    [Fact]
    public void Orthogonal_RejectsVectors()
    {
        Assert.Throws<ShapeMismatchException>(() => Initializers.Orthogonal(Tensor.Zeros(4), new Rng(0)));
    }
}
