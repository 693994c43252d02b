using System.Text;

namespace Dendrite.Plots;

/// <summary>Writes a rendered chart to disk.</summary>
public static class SvgFile
{
    /// <summary>
    /// Writes <paramref name="svg"/> as UTF-8 (no BOM) to a temporary file beside <paramref name="path"/>, flushes it,
    /// then renames it over <paramref name="path"/>, so readers never see a half-written chart.
    /// </summary>
    public static void Save(string path, string svg)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(dir);
        string tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write))
            {
                fs.Write(new UTF8Encoding(false).GetBytes(svg));
                fs.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }
}
