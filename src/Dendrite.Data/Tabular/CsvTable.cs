namespace Dendrite.Data.Tabular;

/// <summary>The text of a CSV file: header names and rectangular rows of trimmed fields, with their line numbers.</summary>
internal sealed record CsvTable(string Path, char Delimiter, int HeaderLine, string[] Header, List<string[]> Rows, List<int> Lines);
