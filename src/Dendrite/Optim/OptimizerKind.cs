namespace Dendrite.Optim;

/// <summary>The optimizers <see cref="OptimizerFactory"/> can build; names as on the command line in comments.</summary>
public enum OptimizerKind
{
    /// <summary>"sgd": <see cref="Optim.Sgd"/>.</summary>
    Sgd,

    /// <summary>"adam": <see cref="Optim.Adam"/>.</summary>
    Adam,

    /// <summary>"adamw": <see cref="Optim.AdamW"/>.</summary>
    AdamW,

    /// <summary>"rmsprop": <see cref="Optim.RmsProp"/>.</summary>
    RmsProp,

    /// <summary>"adagrad": <see cref="Optim.Adagrad"/>.</summary>
    Adagrad,

    /// <summary>"adadelta": <see cref="Optim.Adadelta"/>.</summary>
    Adadelta,
}
