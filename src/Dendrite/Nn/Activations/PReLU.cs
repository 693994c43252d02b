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
    /// <summary>
    /// A PReLU with <paramref name="numParameters"/> slopes, each starting at <paramref name="init"/>.
    /// </summary>
    /// <param name="numParameters">1 for one shared slope, or C for one per channel (input dimension 1).</param>
    /// <param name="init">Initial slope (PyTorch's default 0.25).</param>
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

    /// <summary>Number of slopes: 1 (shared by every element) or C (one per channel, input dimension 1).</summary>
    public int NumParameters => Weight.Size;

    /// <summary>The slope the weights started at (0.25 by default); training moves the weights, not this.</summary>
    public float Init { get; }

    /// <summary>
    /// y = x for x &gt; 0, a_c·x otherwise, c the element's channel (<see cref="F.Prelu"/>); same shape out. Gradients
    /// flow into <see cref="Weight"/> as well as the input.
    /// </summary>
    /// <exception cref="ShapeMismatchException">
    /// <see cref="NumParameters"/> &gt; 1 and input dimension 1 is not <see cref="NumParameters"/>.
    /// </exception>
    public override Tensor Forward(Tensor input) => F.Prelu(input, Weight);

    /// <summary>The input shape itself.</summary>
    /// <exception cref="ShapeMismatchException">
    /// <see cref="NumParameters"/> &gt; 1 and <paramref name="inputShape"/> has no dimension 1 of that size.
    /// </exception>
    public override int[] OutputShape(ReadOnlySpan<int> inputShape)
    {
        if (NumParameters != 1 && (inputShape.Length < 2 || inputShape[1] != NumParameters))
            throw new ShapeMismatchException(
                $"{this} needs input dimension 1 to be {NumParameters} (the channels), got input {Tensor.Format(inputShape)}");
        return inputShape.ToArray();
    }

    /// <summary>"weight", the slopes [num_parameters] (torch.nn.PReLU's name).</summary>
    protected override IEnumerable<NamedParameter> LocalParameters()
    {
        yield return new NamedParameter("weight", Weight);
    }

    /// <summary>PyTorch-like text, e.g. "PReLU(num_parameters=1)".</summary>
    public override string ToString() => $"PReLU(num_parameters={NumParameters})";
}
