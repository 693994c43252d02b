namespace Dendrite.Data;

/// <summary>The official Fashion-MNIST split and where it was found (a folder or "downloaded to …").</summary>
/// <param name="Train">The 60,000 training images, features [60000, 784] in [0, 1], labels 0..9.</param>
/// <param name="Test">The 10,000 test images, same layout.</param>
/// <param name="Source">Where the files came from, for the log: the folder, or "downloaded to FOLDER".</param>
public sealed record FashionMnistData(InMemoryDataset Train, InMemoryDataset Test, string Source);
