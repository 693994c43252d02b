using Dendrite.Data;
using Dendrite.Random;

namespace Dendrite.Examples.Common;

/// <summary>
/// Small synthetic 2-D classification problems, drawn from an explicit <see cref="Rng"/> so every run of an
/// example sees the same points. They stand in for Fashion-MNIST, which would take too long for a test.
/// </summary>
public static class Synthetic
{
    /// <summary>
    /// Gaussian blobs: class k is N(centers[k], std² I) in 2-D; samples cycle through the classes so the
    /// classes are balanced.
    /// </summary>
    public static InMemoryDataset Blobs(Rng rng, int count, (float X, float Y)[] centers, float std)
    {
        var features = new float[count * 2];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            int k = i % centers.Length;
            features[2 * i] = centers[k].X + std * rng.NextNormal();
            features[2 * i + 1] = centers[k].Y + std * rng.NextNormal();
            labels[i] = k;
        }
        return new InMemoryDataset(features, 2, labels, centers.Length);
    }

    /// <summary>
    /// Two interleaved half-moons (scikit-learn's make_moons): class 0 is the upper arc (cos t, sin t), class 1
    /// the lower arc (1 − cos t, 0.5 − sin t), t uniform in [0, π], plus N(0, noise²) jitter. No straight line
    /// separates them, so a model needs a hidden layer.
    /// </summary>
    public static InMemoryDataset Moons(Rng rng, int count, float noise)
    {
        var features = new float[count * 2];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            int k = i % 2;
            float t = MathF.PI * rng.NextFloat();
            float x = k == 0 ? MathF.Cos(t) : 1f - MathF.Cos(t);
            float y = k == 0 ? MathF.Sin(t) : 0.5f - MathF.Sin(t);
            features[2 * i] = x + noise * rng.NextNormal();
            features[2 * i + 1] = y + noise * rng.NextNormal();
            labels[i] = k;
        }
        return new InMemoryDataset(features, 2, labels, 2);
    }

    /// <summary>
    /// Three classes in the square [−1, 1]², separated by two parallel diagonal lines x + y = ±<paramref name="halfWidth"/>:
    /// class 0 below, class 1 the diagonal band in between, class 2 above.
    /// </summary>
    public static InMemoryDataset DiagonalBands(Rng rng, int count, float halfWidth)
    {
        var features = new float[count * 2];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            float x = 2f * rng.NextFloat() - 1f;
            float y = 2f * rng.NextFloat() - 1f;
            features[2 * i] = x;
            features[2 * i + 1] = y;
            labels[i] = x + y < -halfWidth ? 0 : x + y > halfWidth ? 2 : 1;
        }
        return new InMemoryDataset(features, 2, labels, 3);
    }

    /// <summary>
    /// A noisy task with few samples and many features (for dropout): the label is 1 when x₀ + x₁ &gt; 0, the other
    /// <paramref name="featureCount"/> − 2 features are pure N(0, 1) noise, and a fraction <paramref name="labelNoise"/>
    /// of labels is flipped. A wide MLP can memorize every training label, flips and all.
    /// </summary>
    public static InMemoryDataset NoisyLinear(Rng rng, int count, int featureCount, float labelNoise)
    {
        var features = new float[count * featureCount];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < featureCount; j++) features[i * featureCount + j] = rng.NextNormal();
            int label = features[i * featureCount] + features[i * featureCount + 1] > 0 ? 1 : 0;
            if (rng.NextFloat() < labelNoise) label = 1 - label;
            labels[i] = label;
        }
        return new InMemoryDataset(features, featureCount, labels, 2);
    }
}
