using Dendrite.Nn.Functional;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// PReLU: x for x &gt; 0, a_c·x otherwise, with learnable slopes <see cref="Weight"/> (see <see cref="F.Prelu"/>).
/// With one parameter the slope is shared by every element; with C parameters input dimension 1 must be C
/// (x [batch, C] or [batch, C, …]). Output has the input's shape. Slopes start at 0.25, as PyTorch.
/// Note: weight decay pulls the slopes toward 0 (toward ReLU); PyTorch's docs advise excluding them from it.
/// </summary>
public sealed class PReLU : Module
{
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numParameters"/> ≤ 0.</exception>
    public PReLU(int numParameters = 1, float init = 0.25f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numParameters);
        var slopes = new float[numParameters];
        Array.Fill(slopes, init);
        Init = init;
        Weight = new Parameter(slopes, numParameters);
    }

    /// <summary>The slopes a, [num_parameters].</summary>
    public Parameter Weight { get; }

    public int NumParameters => Weight.Size;

    /// <summary>The slope the weights started at (0.25 by default); training moves the weights, not this.</summary>
    public float Init { get; }

    public override Tensor Forward(Tensor input) => F.Prelu(input, Weight);

    public override int[] OutputShape(ReadOnlySpan<int> inputShape)
    {
        if (NumParameters != 1 && (inputShape.Length < 2 || inputShape[1] != NumParameters))
            throw new ShapeMismatchException(
                $"{this} needs input dimension 1 to be {NumParameters} (the channels), got input {Tensor.Format(inputShape)}");
        return inputShape.ToArray();
    }

    protected override IEnumerable<NamedParameter> LocalParameters()
    {
        yield return new NamedParameter("weight", Weight);
    }

    public override string ToString() => $"PReLU(num_parameters={NumParameters})";
}
