namespace Dendrite.TestKit;

/// <summary>A fresh, empty folder under the system temp folder, deleted (best effort) on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "dendrite-test-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    /// <summary>The path of <paramref name="name"/> inside this folder (not created).</summary>
    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Creates (if needed) and returns a sub-folder.</summary>
    public string CreateSubdirectory(string name) => Directory.CreateDirectory(Combine(name)).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in /tmp are harmless; a failing cleanup must not fail the test.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
