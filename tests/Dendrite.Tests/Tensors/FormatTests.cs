using Dendrite.Tensors;

namespace Dendrite.Tests.Tensors;

public class FormatTests
{
    [Fact]
    public void ToString_Matrix_UsesNestedBracketsAndShape() =>
        Assert.Equal("tensor([[1.0000, 2.0000], [3.0000, 4.0000]], shape=[2, 2])",
            Tensor.FromArray(new float[,] { { 1, 2 }, { 3, 4 } }).ToString());

    [Fact]
    public void ToString_Scalar_HasNoBrackets() =>
        Assert.Equal("tensor(-0.5000, shape=[])", Tensor.Scalar(-0.5f).ToString());

    [Fact]
    public void ToString_LongDimension_ElidesTheMiddle() =>
        Assert.Equal("tensor([0.0000, 1.0000, 2.0000, ..., 7.0000, 8.0000, 9.0000], shape=[10])",
            Tensor.Arange(10).ToString());

    [Fact]
    public void ToString_LongRowsAndColumns_ElidesBoth()
    {
        string s = Tensor.Zeros(8, 8).ToString();
        Assert.Equal(6 * 6, CountOccurrences(s, "0.0000")); // 3 + 3 rows of 3 + 3 columns
        Assert.StartsWith("tensor([[0.0000, 0.0000, 0.0000, ..., 0.0000, 0.0000, 0.0000], ", s);
        Assert.Contains("], ..., [", s);
        Assert.EndsWith("shape=[8, 8])", s);
    }

    [Fact]
    public void ToString_ShowsRequiresGradOrGradFn()
    {
        var leaf = Tensor.FromArray([1f]);
        leaf.RequiresGrad = true;
        Assert.Equal("tensor([1.0000], shape=[1], requires_grad=True)", leaf.ToString());
        Assert.Equal("tensor([2.0000], shape=[1], grad_fn=mul_scalarBackward)", (leaf * 2f).ToString());
    }

    [Fact]
    public void ToString_SpecialAndExtremeValues()
    {
        var t = Tensor.FromArray([float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1e-7f, 123456f, 0f]);
        Assert.Equal("tensor([nan, inf, -inf, 1.0000e-07, 1.2346e+05, 0.0000], shape=[6])", t.ToString());
    }

    private static int CountOccurrences(string s, string part)
    {
        int count = 0;
        for (int i = s.IndexOf(part, StringComparison.Ordinal); i >= 0; i = s.IndexOf(part, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
