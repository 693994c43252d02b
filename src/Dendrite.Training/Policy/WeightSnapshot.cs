using Dendrite.Nn;

namespace Dendrite.Training.Policy;

/// <summary>A copy of a model's parameters and buffers (BatchNorm running statistics), restorable in place.</summary>
public sealed class WeightSnapshot
{
    private readonly float[][] _values;

    private WeightSnapshot(float[][] values) => _values = values;

    /// <summary>Copies every parameter and buffer of <paramref name="model"/>.</summary>
    public static WeightSnapshot Take(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new WeightSnapshot([.. Arrays(model).Select(a => (float[])a.Clone())]);
    }

    /// <summary>Copies the saved values back into the same model's arrays (the fused plan reads them in place).</summary>
    public void RestoreTo(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var arrays = Arrays(model).ToList();
        if (arrays.Count != _values.Length) throw new InvalidOperationException("snapshot taken from a different model");
        for (int i = 0; i < arrays.Count; i++) _values[i].CopyTo(arrays[i], 0);
    }

    private static IEnumerable<float[]> Arrays(Module model) =>
        model.NamedParameters().Select(p => p.Parameter.Data).Concat(model.NamedBuffers().Select(b => b.Buffer.Data));
}
