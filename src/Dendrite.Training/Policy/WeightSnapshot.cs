using Dendrite.Nn;

namespace Dendrite.Training.Policy;

/// <summary>A copy of a model's parameters and buffers (BatchNorm running statistics), restorable in place.</summary>
public sealed class WeightSnapshot
{
    private readonly KeyValuePair<string, float[]>[] _values;

    private WeightSnapshot(KeyValuePair<string, float[]>[] values) => _values = values;

    /// <summary>Name ("1.weight", "2.running_mean") → values, parameters first, in the model's order.</summary>
    public IReadOnlyList<KeyValuePair<string, float[]>> Values => _values;

    /// <summary>Copies every parameter and buffer of <paramref name="model"/>.</summary>
    public static WeightSnapshot Take(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new WeightSnapshot([.. Arrays(model).Select(a => new KeyValuePair<string, float[]>(a.Key, (float[])a.Value.Clone()))]);
    }

    /// <summary>
    /// A snapshot of <paramref name="model"/>'s shape from stored values (a checkpoint's): every parameter and buffer
    /// must be present with the right length, and nothing else. Throws <see cref="DendriteException"/> otherwise.
    /// </summary>
    public static WeightSnapshot FromValues(Module model, IReadOnlyDictionary<string, float[]> values)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(values);
        var result = new List<KeyValuePair<string, float[]>>();
        foreach (var (name, live) in Arrays(model))
        {
            if (!values.TryGetValue(name, out float[]? v))
                throw new DendriteException($"weight snapshot: '{name}' is missing");
            if (v.Length != live.Length)
                throw new DendriteException($"weight snapshot: '{name}' has {v.Length} values, the model needs {live.Length}");
            result.Add(new(name, (float[])v.Clone()));
        }
        if (values.Count != result.Count)
            throw new DendriteException($"weight snapshot: '{values.Keys.First(k => result.All(r => r.Key != k))}' is not in the model");
        return new WeightSnapshot([.. result]);
    }

    /// <summary>Copies the saved values back into the same model's arrays (the fused plan reads them in place).</summary>
    public void RestoreTo(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var arrays = Arrays(model).ToList();
        if (arrays.Count != _values.Length) throw new InvalidOperationException("snapshot taken from a different model");
        for (int i = 0; i < arrays.Count; i++) _values[i].Value.CopyTo(arrays[i].Value, 0);
    }

    private static IEnumerable<KeyValuePair<string, float[]>> Arrays(Module model) =>
        model.NamedParameters().Select(p => new KeyValuePair<string, float[]>(p.Name, p.Parameter.Data))
            .Concat(model.NamedBuffers().Select(b => new KeyValuePair<string, float[]>(b.Name, b.Buffer.Data)));
}
