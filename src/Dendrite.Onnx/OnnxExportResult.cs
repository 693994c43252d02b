namespace Dendrite.Onnx;

/// <summary>What <see cref="OnnxModel.Export(Training.Models.TrainedModel, string, OnnxExportOptions?)"/> wrote.</summary>
/// <param name="Path">The .onnx file.</param>
/// <param name="PreprocessingPath">The JSON file holding a table model's preprocessing when the graph is the network
/// alone, else null.</param>
/// <param name="Inputs">The graph's input names, in order.</param>
/// <param name="Outputs">The graph's output names, in order.</param>
/// <param name="Note">One line saying why the preprocessing went to <paramref name="PreprocessingPath"/>, else null.</param>
public sealed record OnnxExportResult(string Path, string? PreprocessingPath, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs,
    string? Note);
