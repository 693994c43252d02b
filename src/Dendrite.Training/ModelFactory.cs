using Dendrite.Nn;
using Dendrite.Random;

namespace Dendrite.Training;

/// <summary>Builds models from specs.</summary>
public static class ModelFactory
{
    /// <summary>
    /// Sequential(Flatten, Linear, [BatchNorm1d], act, [Dropout], …, Linear) as described by <paramref name="spec"/>,
    /// initialized from <paramref name="rng"/>: layers are constructed (drawing PyTorch's default init), then
    /// <see cref="MlpSpec.Init"/> is applied to every Linear layer in order. Dropout masks come from
    /// <paramref name="dropoutRng"/> (one fork per Dropout layer); when it is null and the spec has dropout, a
    /// stream is forked from <paramref name="rng"/> after all initialization draws, so adding dropout never changes
    /// the initial weights.
    /// </summary>
    public static Sequential BuildMlp(MlpSpec spec, Rng rng, Rng? dropoutRng = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(rng);
        spec.Validate();
        // Layers are drawn first and assembled afterwards so the dropout stream can be forked after init.
        var layers = new List<Module>();
        var dropoutSlots = new List<int>();
        int width = spec.Inputs;
        foreach (int hidden in spec.Hidden)
        {
            Module act = spec.ActivationName is { } name ? ActivationRegistry.Create(name) : Activation(spec.Activation);
            // A gated activation halves its input, so the Linear produces 2·hidden to leave `hidden` features.
            int linearOut = spec.ActivationName is { } n && ActivationRegistry.Get(n).IsGated ? 2 * hidden : hidden;
            layers.Add(new Linear(width, linearOut, rng));
            if (spec.BatchNorm) layers.Add(new BatchNorm1d(linearOut));
            layers.Add(act);
            if (spec.Dropout > 0f)
            {
                dropoutSlots.Add(layers.Count);
                layers.Add(null!); // filled below, once the dropout stream exists
            }
            width = spec.ActivationName is { } g ? ActivationRegistry.OutputWidth(g, linearOut) : hidden;
        }
        layers.Add(new Linear(width, spec.Classes, rng));
        var linears = new Sequential([.. layers.OfType<Linear>()]);
        if (spec.Init is not Init.LinearInit.DefaultInit) spec.Init.ApplyTo(linears, rng);
        if (dropoutSlots.Count > 0)
        {
            Rng stream = dropoutRng ?? rng.Fork();
            foreach (int slot in dropoutSlots) layers[slot] = new Dropout(spec.Dropout, stream.Fork());
        }
        var model = new Sequential(new Flatten());
        foreach (var layer in layers) model.Add(layer);
        return model;
    }

    /// <summary>The module for an activation kind.</summary>
    public static Module Activation(ActivationKind kind) => kind switch
    {
        ActivationKind.Relu => new ReLU(),
        ActivationKind.Sigmoid => new Sigmoid(),
        ActivationKind.Tanh => new Tanh(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown activation"),
    };
}
