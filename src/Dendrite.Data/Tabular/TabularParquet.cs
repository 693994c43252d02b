namespace Dendrite.Data.Tabular;

/// <summary>
/// Parquet tables, read the way <see cref="TabularCsv"/> reads CSV: each row group's values become the text a CSV
/// written from them would hold, and the same rules then apply (column kinds, missing values, target task, id, and
/// every check and message), so a table gives the same frame, the same fitted preprocessing and the same matrices in
/// either format. <see cref="TabularCsv.Load"/>, <see cref="TabularCsv.ReadHeader"/> and
/// <see cref="TabularCsvChunks.Open"/> hand a file that starts with the Parquet magic "PAR1" to this class, so every
/// caller of those accepts Parquet as well.
/// </summary>
/// <remarks>
/// Column types: integers, decimals, floats and doubles are numbers (a float as its shortest text, "0.1"); booleans
/// are the numbers 1 and 0; strings (and byte arrays, read as UTF-8) are text, trimmed; null and NaN are missing.
/// Dates, times, nested columns and other types are refused with the column's name unless declared
/// <see cref="ColumnKind.Ignore"/>. Rows are numbered as the lines of the same table written as CSV (header = line 1,
/// first row = line 2). Memory: loading keeps a numeric column as its numbers (8 bytes a cell) and a string column as
/// one shared string per distinct value; read in chunks, one row group at a time is held, as text.
/// </remarks>
public static class TabularParquet
{
    /// <summary>
    /// Whether <paramref name="path"/> is a Parquet file: it starts with the magic bytes "PAR1" and ends with them, or
    /// (truncated) holds binary bytes after them; a text table whose first bytes happen to be "PAR1" is CSV.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static bool IsParquet(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ParquetTableFile.HasMagic(path);
    }

    /// <summary>
    /// Reads the Parquet file <paramref name="path"/> into typed columns, as <see cref="TabularCsv.Load"/> reads a CSV
    /// with the same values.
    /// </summary>
    /// <param name="path">A Parquet file of flat columns.</param>
    /// <param name="options">How to read it (target, id, column kinds, missing markers); null = the defaults. The
    /// CSV-only settings <see cref="TabularCsvOptions.ColumnNames"/> and <see cref="TabularCsvOptions.SkipLines"/> are
    /// refused; the delimiter is ignored.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="DatasetNotFoundException">No file exists at <paramref name="path"/>.</exception>
    /// <exception cref="CsvFormatException">The table cannot be used (an unknown target, a column of an unsupported
    /// type, text in a numeric column, ...); the message names the column and the row's line.</exception>
    /// <exception cref="DataFormatException">The file is not a readable Parquet file (truncated, corrupt, or claiming
    /// more rows than its size can hold).</exception>
    public static TabularFrame Load(string path, TabularCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new TabularCsvOptions();
        return ParquetFrameBuilder.Build(ParquetTableFile.Open(path, options), options);
    }

    /// <summary>The column names of the Parquet file <paramref name="path"/>, in file order.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="DatasetNotFoundException">No file exists at <paramref name="path"/>.</exception>
    /// <exception cref="DataFormatException">The file is not a readable Parquet file.</exception>
    public static IReadOnlyList<string> ReadHeader(string path, TabularCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        TabularCsvOptions names = (options ?? new TabularCsvOptions()) with { TargetColumn = null, IdColumn = null, ColumnKinds = null };
        return ParquetTableFile.Open(path, names, checkTypes: false).Header;
    }

    /// <summary>
    /// The number of rows and of columns of the Parquet file <paramref name="path"/>, from its footer (no data read):
    /// what a caller needs to judge whether loading it whole fits in memory.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="DatasetNotFoundException">No file exists at <paramref name="path"/>.</exception>
    /// <exception cref="DataFormatException">The file is not a readable Parquet file.</exception>
    public static (long Rows, int Columns) ReadShape(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ParquetTableFile file = ParquetTableFile.Open(path, new TabularCsvOptions(), checkTypes: false);
        return (file.RowCount, file.Header.Length);
    }
}
