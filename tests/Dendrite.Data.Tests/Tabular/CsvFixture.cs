using Dendrite.Data.Tabular;
using Dendrite.TestKit;

namespace Dendrite.Data.Tests.Tabular;

/// <summary>Writes small CSV files into a temp folder and checks the shape of CSV error messages.</summary>
internal sealed class CsvFixture : IDisposable
{
    private readonly TempDirectory _dir = new("dendrite-csv-");
    private int _count;

    /// <summary>Writes <paramref name="text"/> (lines joined as given) to a new file and returns its path.</summary>
    public string Write(string text)
    {
        string path = _dir.Combine($"data{_count++}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    public string Write(params string[] lines) => Write(string.Join('\n', lines) + "\n");

    public TabularFrame Load(TabularCsvOptions options, params string[] lines) => TabularCsv.Load(Write(lines), options);

    /// <summary>Asserts that loading fails with a one-line message naming the file, the line and the column.</summary>
    public static CsvFormatException AssertError(string path, int line, string? column, Action action)
    {
        var e = Assert.Throws<CsvFormatException>(action);
        Assert.IsAssignableFrom<DendriteException>(e);
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        Assert.Equal(line, e.Line);
        if (line > 0) Assert.Contains($"line {line}", e.Message, StringComparison.Ordinal);
        Assert.Equal(column, e.Column);
        if (column is not null) Assert.Contains($"column '{column}'", e.Message, StringComparison.Ordinal);
        return e;
    }

    public void Dispose() => _dir.Dispose();
}
