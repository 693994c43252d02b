namespace Dendrite.Training.Checkpoints;

/// <summary>The safetensors "__metadata__" keys and tensor-name prefix of a Dendrite checkpoint.</summary>
public static class CheckpointKeys
{
    /// <summary>Bumped when the layout changes incompatibly; readers refuse versions they do not know.</summary>
    public const string FormatVersion = "dendrite.format_version";

    /// <summary>JSON of the <see cref="MlpSpec"/>: enough to rebuild the model from the file alone.</summary>
    public const string Architecture = "dendrite.architecture";

    /// <summary>JSON array of class names, index = class id.</summary>
    public const string ClassNames = "dendrite.class_names";

    /// <summary>Completed epochs (0 = the initial weights, before any training).</summary>
    public const string Epoch = "dendrite.epoch";

    /// <summary>JSON object: stream name → complete <see cref="Random.Rng"/> state.</summary>
    public const string Rng = "dendrite.rng";

    /// <summary>The resolved options of the run, as JSON (absent for a model saved outside a run).</summary>
    public const string Config = "dendrite.config";

    /// <summary>JSON array of the per-epoch results so far.</summary>
    public const string Metrics = "dendrite.metrics";

    /// <summary>JSON object of the optimizer's scalar state (tensors go in as "optim.*").</summary>
    public const string OptimizerScalars = "dendrite.optimizer";

    /// <summary>Prefix of optimizer-state tensor names; model parameters never start with it.</summary>
    public const string OptimizerPrefix = "optim.";

    /// <summary>
    /// JSON object of the trainer's <see cref="FitState"/>: learning-rate driver, early-stopping tracker (its best
    /// weights go in as "early_stopping.*" tensors), whether the run stopped early. Absent in older files.
    /// </summary>
    public const string Fit = "dendrite.fit";

    /// <summary>Prefix of the early-stopping tracker's best-weight tensors ("early_stopping.1.weight").</summary>
    public const string EarlyStoppingPrefix = "early_stopping.";

    /// <summary>Prefix of a Dropout layer's Rng stream in <see cref="Rng"/>, followed by the layer's name ("dropout.4").</summary>
    public const string DropoutRngPrefix = "dropout.";
}
