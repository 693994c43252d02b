namespace Dendrite.Training.Policy;

/// <summary>Gradient clipping before every optimizer step (<see cref="Optim.GradientClipping"/>).</summary>
/// <param name="Kind">By joint norm or by value.</param>
/// <param name="Threshold">Max norm or max |g| (finite, &gt; 0).</param>
public sealed record GradientClip(GradientClipKind Kind, float Threshold);
