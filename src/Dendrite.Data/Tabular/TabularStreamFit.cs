namespace Dendrite.Data.Tabular;

/// <summary>What <see cref="TabularCsvChunks.Fit"/> learned, and how many rows it read.</summary>
/// <param name="Preprocessor">The fitted preprocessing, as the in-memory fit on the same rows gives it.</param>
/// <param name="Rows">Rows read (those with a target).</param>
/// <param name="TrainingRows">Rows the preprocessing was fitted on.</param>
/// <param name="SkippedLines">Lines left out because their target was missing.</param>
public sealed record TabularStreamFit(TabularPreprocessor Preprocessor, long Rows, long TrainingRows, int[] SkippedLines);
