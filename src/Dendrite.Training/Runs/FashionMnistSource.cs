namespace Dendrite.Training.Runs;

/// <summary>The official Fashion-MNIST split, from <paramref name="Folder"/> or found the usual way (cache, Debian package, download).</summary>
/// <param name="Folder">A folder holding the *-ubyte(.gz) files, or null to search.</param>
public sealed record FashionMnistSource(string? Folder = null) : DataSource
{
    /// <inheritdoc/>
    public override string Kind => "fashion-mnist";
}
