namespace Dendrite.Formats.Models;

/// <summary>The safetensors "__metadata__" keys every Dendrite model file carries.</summary>
public static class ModelKeys
{
    /// <summary>The layout version; readers refuse versions they do not know.</summary>
    public const string FormatVersion = "dendrite.format_version";

    /// <summary>
    /// The architecture: <see cref="Nn.Configs.LayerConfigJson"/> in version 2; in version 1 the MLP recipe
    /// {"inputs":…,"hidden":[…],"classes":…,"activation":…}. Absent from a state-dict-only file (a custom module).
    /// </summary>
    public const string Architecture = "dendrite.architecture";

    /// <summary>The version <see cref="Model.Save"/> writes.</summary>
    public const string CurrentVersion = "2";

    /// <summary>The versions this code reads.</summary>
    public static IReadOnlyList<string> ReadableVersions { get; } = ["1", "2"];

    /// <summary>Prefixes of tensors a file may carry beside the model's own (training state: optimizer moments, early-stopping weights).</summary>
    public static IReadOnlyList<string> ExtraTensorPrefixes { get; } = ["optim.", "early_stopping."];
}
