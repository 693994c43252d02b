using Dendrite.Formats.Models;

namespace Dendrite.Training.Checkpoints;

/// <summary>The safetensors "__metadata__" keys and tensor-name prefixes of a Dendrite model or checkpoint file.</summary>
public static class CheckpointKeys
{
    /// <summary>Bumped when the layout changes incompatibly; readers refuse versions they do not know.</summary>
    public const string FormatVersion = ModelKeys.FormatVersion;

    /// <summary>The architecture: layer descriptions (version 2) or the MLP recipe (version 1).</summary>
    public const string Architecture = ModelKeys.Architecture;

    /// <summary>"classification" or "regression" (version 2; version-1 image files are classifiers).</summary>
    public const string Task = "dendrite.task";

    /// <summary>JSON array of class names, index = class id.</summary>
    public const string ClassNames = "dendrite.class_names";

    /// <summary>The predicted column's name (regression), when known.</summary>
    public const string Target = "dendrite.target";

    /// <summary>JSON of what the input rows are: image, features, or table with its fitted preprocessing (version 2).</summary>
    public const string Input = "dendrite.input";

    /// <summary>Version 1's tabular description (task, target, id column, delimiter, class names, preprocessor).</summary>
    public const string LegacyTabular = "dendrite.tabular";

    /// <summary>Completed epochs (0 = the initial weights, before any training).</summary>
    public const string Epoch = "dendrite.epoch";

    /// <summary>JSON object: stream name → complete <see cref="Random.Rng"/> state.</summary>
    public const string Rng = "dendrite.rng";

    /// <summary>The run's configuration as JSON (a <see cref="Runs.RunConfig"/> in version 2; the CLI's options in version 1).</summary>
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
