using Dendrite.Data;
using Dendrite.Nn.Configs;

namespace Dendrite.Onnx;

/// <summary>Choices and bounds for <see cref="OnnxModel.Import(string, OnnxImportOptions?)"/>.</summary>
public sealed record OnnxImportOptions
{
    /// <summary>Largest file read, in bytes (1 GiB by default); protobuf itself cannot describe more than 2 GiB.</summary>
    public long MaxFileBytes { get; init; } = 1L << 30;

    /// <summary>Most nodes a graph may have (a guard against pathological files; MLPs have a few dozen).</summary>
    public int MaxNodes { get; init; } = 100_000;

    /// <summary>Bounds on the rebuilt model (widths, tensor sizes, layer count), checked before anything is allocated.</summary>
    public ModelLimits Limits { get; init; } = ModelLimits.Default;

    /// <summary>
    /// What the network's outputs mean. Null: the task the file's metadata names (a file Dendrite exported), else
    /// classification.
    /// </summary>
    public TaskKind? Task { get; init; }

    /// <summary>Class names, one per output (classification). Null: the file's metadata, else "0", "1", ….</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }
}
