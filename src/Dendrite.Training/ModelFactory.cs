using Dendrite.Nn;
using Dendrite.Random;

namespace Dendrite.Training;

/// <summary>Builds models from specs.</summary>
public static class ModelFactory
{
    /// <summary>
    /// Sequential(Flatten, Linear, act, …, Linear) as described by <paramref name="spec"/>, initialized from
    /// <paramref name="rng"/>: layers are constructed (drawing PyTorch's default init), then
    /// <see cref="MlpSpec.Init"/> is applied to every Linear layer in order.
    /// </summary>
    public static Sequential BuildMlp(MlpSpec spec, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(rng);
        spec.Validate();
        var model = new Sequential(new Flatten());
        int width = spec.Inputs;
        foreach (int hidden in spec.Hidden)
        {
            model.Add(new Linear(width, hidden, rng));
            model.Add(Activation(spec.Activation));
            width = hidden;
        }
        model.Add(new Linear(width, spec.Classes, rng));
        if (spec.Init is not Init.LinearInit.DefaultInit) spec.Init.ApplyTo(model, rng);
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
