namespace Dendrite.Data.Tabular;

/// <summary>Row indices of one split: disjoint <see cref="Train"/> and <see cref="Test"/>, each in increasing order.</summary>
/// <param name="Train">Indices of the training rows, ascending.</param>
/// <param name="Test">Indices of the held-out rows (test or validation fold), ascending.</param>
public readonly record struct SplitIndices(int[] Train, int[] Test);
