namespace Dendrite.TestKit;

/// <summary>Files under tests/Fixtures, found by walking up from the test binaries to the repository.</summary>
public static class Fixtures
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The absolute path of tests/Fixtures/<paramref name="relative"/>.</summary>
    public static string Path(string relative) => System.IO.Path.Combine(s_root.Value, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "tests", "Fixtures");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"tests/Fixtures not found above {AppContext.BaseDirectory}");
    }
}
