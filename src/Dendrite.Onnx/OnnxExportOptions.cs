namespace Dendrite.Onnx;

/// <summary>Choices for <see cref="OnnxModel.Export(Training.Models.TrainedModel, string, OnnxExportOptions?)"/>.</summary>
public sealed record OnnxExportOptions
{
    /// <summary>
    /// Export the network alone: its input is the feature rows the network takes (pixels already scaled, table rows
    /// already preprocessed). A table model's fitted preprocessing is then written beside the file as JSON. Off by
    /// default: the graph takes raw pixels or raw table columns and applies the preprocessing itself.
    /// </summary>
    public bool NetworkOnly { get; init; }
}
