using Dendrite.Data;
using Dendrite.Random;

namespace Dendrite.Training.Tests;

/// <summary>
/// A 2-D problem no linear model can solve: x uniform in [−2, 2]², class 1 iff |x₁ − x₂| &lt; 0.5 (a diagonal band).
/// Classes are balanced by rejection so that the best linear classifier (cutting off one of the two class-0
/// triangles) scores about 75% rather than the 77% of always answering "0".
/// </summary>
internal static class BandData
{
    public static InMemoryDataset Create(int count, ulong seed)
    {
        var rng = new Rng(seed);
        var features = new float[count * 2];
        var labels = new int[count];
        var perClass = new int[2];
        int n = 0;
        while (n < count)
        {
            float x1 = 4f * rng.NextFloat() - 2f, x2 = 4f * rng.NextFloat() - 2f;
            int label = MathF.Abs(x1 - x2) < 0.5f ? 1 : 0;
            if (perClass[label] >= (count + 1 - label) / 2) continue;
            perClass[label]++;
            features[2 * n] = x1;
            features[2 * n + 1] = x2;
            labels[n++] = label;
        }
        return new InMemoryDataset(features, 2, labels, 2);
    }
}
