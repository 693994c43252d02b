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

    /// <summary>The mask stream, for the fused plan (which draws the same numbers in the same order).</summary>
    internal Rng Rng => _rng;

    public override Tensor Forward(Tensor input) => F.Dropout(input, P, IsTraining, _rng);

    /// <summary>The state of this layer's random stream (for checkpoints).</summary>
    public RngState GetRngState() => _rng.GetState();

    /// <summary>Restores a state from <see cref="GetRngState"/>; the next masks repeat those drawn after it was taken.</summary>
    public void SetRngState(RngState state) => _rng.SetState(state);

    /// <inheritdoc/>
    public override LayerConfig ToConfig() => new DropoutConfig(P);

    public override string ToString() => "Dropout(p=" + P.ToString(CultureInfo.InvariantCulture) + ")";
}
