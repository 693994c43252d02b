namespace Dendrite.Cli.Serving;

/// <summary>
/// One /predict request turned into network input: <paramref name="Count"/> rows of the model's input width, already
/// scaled or preprocessed, and the id of each row when a table model's id column was given.
/// </summary>
internal sealed record PredictRequest(float[] Features, int Count, string?[]? Ids);
