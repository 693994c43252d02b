using System.Globalization;
using Dendrite.Nn.Configs;
using Dendrite.Nn.Functional;
using Dendrite.Random;
using Dendrite.Tensors;

namespace Dendrite.Nn;

/// <summary>
/// Inverted dropout (<see cref="F.Dropout"/>): in training mode zeroes each element with probability
/// <see cref="P"/> and scales the rest by 1/(1−p); in evaluation mode it is the identity. Any shape in, same out.
/// The layer owns its random stream (given at construction, typically <c>rng.Fork()</c>), so its masks do not
/// shift other draws; <see cref="GetRngState"/>/<see cref="SetRngState"/> export and restore that stream so a
/// resumed run draws the same masks.
/// </summary>
public sealed class Dropout : Module
{
    private readonly Rng _rng;

    /// <summary>A dropout layer drawing its masks from <paramref name="rng"/>, which it keeps and advances.</summary>
    /// <param name="p">
    /// Probability of zeroing an element, in [0, 1) (d2l uses 0.2 to 0.5; PyTorch's default is 0.5).
    /// </param>
    /// <param name="rng">The layer's own stream, typically <c>rng.Fork()</c>; not copied, so do not share it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rng"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in [0, 1).</exception>
    public Dropout(float p, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        F.CheckDropoutProbability(p);
        P = p;
        _rng = rng;
    }

    /// <summary>Probability of zeroing an element.</summary>
    public float P { get; }

    /// <summary>The mask stream, for the fused plan (which draws the same mask keys in the same order).</summary>
    internal Rng Rng => _rng;

    /// <summary>
    /// Which row of the global batch the next inputs begin at (0 by default, and always in a one-process fit): a
    /// data-parallel rank holding rows [RowOffset, RowOffset + n) of each global batch sets it so that its rows get the
    /// masks one process gives them (see <see cref="F.Dropout"/>). The fused plan reads it too. Not negative.
    /// </summary>
    public int RowOffset
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            field = value;
        }
    }

    /// <summary>
    /// Advances the mask stream by the one key a training forward draws, without computing a mask: a data-parallel
    /// rank whose shard of a batch is empty calls it so that its stream stays in step with the other ranks'.
    /// </summary>
    internal void SkipMask()
    {
        if (P > 0f) _rng.NextUInt64();
    }

    /// <summary>
    /// Training: y = x ⊙ m with mᵢ ∈ {0, 1/(1−p)}, masks keyed by one draw per call from this layer's stream and
    /// each element's index (offset by <see cref="RowOffset"/> rows), so E[y] = x.
    /// Evaluation, or p = 0: the input itself (no copy, no draws). Any shape; the output has the input's shape.
    /// </summary>
    public override Tensor Forward(Tensor input) => F.Dropout(input, P, IsTraining, _rng, RowOffset);

    /// <summary>The state of this layer's random stream (for checkpoints).</summary>
    public RngState GetRngState() => _rng.GetState();

    /// <summary>Restores a state from <see cref="GetRngState"/>; the next masks repeat those drawn after it was taken.</summary>
    public void SetRngState(RngState state) => _rng.SetState(state);

    /// <inheritdoc/>
    public override LayerConfig ToConfig() => new DropoutConfig(P);

    /// <summary>PyTorch-like text, invariant culture, e.g. "Dropout(p=0.5)".</summary>
    public override string ToString() => "Dropout(p=" + P.ToString(CultureInfo.InvariantCulture) + ")";
}
