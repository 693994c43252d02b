namespace Dendrite.Data;

/// <summary>The official Fashion-MNIST split and where it was found (a folder or "downloaded to …").</summary>
public sealed record FashionMnistData(InMemoryDataset Train, InMemoryDataset Test, string Source);
