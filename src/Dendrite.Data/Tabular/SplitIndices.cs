namespace Dendrite.Data.Tabular;

/// <summary>Row indices of one split: disjoint <see cref="Train"/> and <see cref="Test"/>, each in increasing order.</summary>
public readonly record struct SplitIndices(int[] Train, int[] Test);
