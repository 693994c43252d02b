namespace Dendrite.Data.Tabular;

/// <summary>
/// A CSV file read in chunks of whole records instead of at once, for tables larger than memory: the preprocessing is
/// fitted by streaming passes that compute exactly what <see cref="TabularCsv.Load"/> followed by
/// <see cref="TabularPreprocessor.Fit(TabularFrame, ReadOnlySpan{int}, TabularPreprocessorOptions?)"/> computes on the same
/// rows (same column kinds, task, classes, and the same bits of every mean and std), and each chunk can then be
/// transformed on its own, in any order. Rows are chosen by their file line, which does not depend on the chunking.
/// </summary>
/// <remarks>
/// Memory is bounded by the chunk size (a CSV chunk is read as its field bytes, about <see cref="ChunkBytes"/>, into
/// typed columns of 8 bytes a cell: no string per number) plus what the fit keeps per column: the categories of categorical columns and of a
/// classification target. Files must be UTF-8 (or ASCII); the checks of <see cref="TabularCsv.Load"/> (quoting,
/// ragged rows, record and column limits, binary data) apply to every chunk, with lines numbered as in the file.
/// </remarks>
public sealed partial class TabularCsvChunks
{
    /// <summary>
    /// 1 MiB of text per chunk: about 6,000 rows of 22 columns, read into about 1 MB of field bytes and 1 MB of typed
    /// columns; a 10 GB file has 10,000 chunks, plenty for a shuffled chunk order.
    /// </summary>
    public const long DefaultChunkBytes = 1L << 20;

    private readonly CsvChunkIndex? _index;
    private readonly ParquetTableFile? _parquet;
    private readonly TabularCsvOptions _options;
    private readonly TabularCsvOptions _laterChunks;

    private TabularCsvChunks(string path, CsvChunkIndex index, TabularCsvOptions options, CsvTable first, long chunkBytes)
    {
        Path = path;
        _index = index;
        _options = options;
        Header = first.Header;
        Delimiter = first.Delimiter;
        HeaderLine = first.HeaderLine;
        ChunkBytes = chunkBytes;
        // Later chunks have no header: they are read with the first chunk's column names and delimiter.
        _laterChunks = options with { ColumnNames = first.Header, Delimiter = first.Delimiter, SkipLines = 0 };
    }

    /// <summary>
    /// A Parquet file read one row group per chunk (see <see cref="TabularParquet"/>): the same fit and transform, rows
    /// numbered as the lines of the same table written as CSV.
    /// </summary>
    private TabularCsvChunks(ParquetTableFile parquet, TabularCsvOptions options)
    {
        Path = parquet.Path;
        _parquet = parquet;
        _options = options;
        _laterChunks = options;
        Header = parquet.Header;
        Delimiter = ',';
        HeaderLine = 1;
        ChunkBytes = Math.Max(1, parquet.StoredBytes / Math.Max(1, parquet.GroupRows.Length));
    }

    /// <summary>The CSV (or Parquet) file.</summary>
    public string Path { get; }

    /// <summary>The column names.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The field separator (detected or given).</summary>
    public char Delimiter { get; }

    /// <summary>The header's line (0 when the options name the columns).</summary>
    public int HeaderLine { get; }

    /// <summary>The target size of a chunk in bytes (of a Parquet file: the mean stored size of a row group).</summary>
    public long ChunkBytes { get; }

    /// <summary>Number of chunks.</summary>
    public int ChunkCount => _parquet?.GroupRows.Length ?? _index!.Count;

    /// <summary>Whether the file is a Parquet table (read one row group per chunk) rather than a CSV file.</summary>
    internal bool IsParquet => _parquet is not null;

    /// <summary>The options the file is read with.</summary>
    public TabularCsvOptions Options => _options;

    /// <summary>
    /// Indexes the chunks of <paramref name="path"/> (one fast scan) and reads its header, checking the target, id and
    /// declared columns against it. A Parquet file (recognized by its magic bytes "PAR1") is read one row group per
    /// chunk instead, whatever <paramref name="chunkBytes"/> asks, after the checks of <see cref="TabularParquet.Load"/>
    /// on its footer.
    /// </summary>
    /// <exception cref="DatasetNotFoundException">No file exists at <paramref name="path"/>.</exception>
    /// <exception cref="CsvFormatException">The header is missing or wrong, a named column does not exist, or the
    /// file is UTF-16/32.</exception>
    /// <exception cref="DataFormatException">The file cannot be read.</exception>
    public static TabularCsvChunks Open(string path, TabularCsvOptions? options = null, long chunkBytes = DefaultChunkBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        options ??= new TabularCsvOptions();
        if (!File.Exists(path)) throw new DatasetNotFoundException($"{path}: no such CSV file");
        // A Parquet file (by its magic bytes) is chunked by its row groups, whatever chunkBytes asks.
        if (TabularParquet.IsParquet(path))
        {
            var parquet = new TabularCsvChunks(ParquetTableFile.Open(path, options), options);
            parquet.Columns(new CsvTable(path, ',', 1, [.. parquet.Header], [], []));
            return parquet;
        }
        CsvChunkIndex index;
        try
        {
            index = CsvChunkIndex.Build(path, chunkBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException($"{path}: cannot read the CSV file: {InputText.Clip(e.Message, 200)}", e);
        }
        CsvTable first = CsvTableReader.ReadSegment(path, options, 0, index.ChunkLength(0), 1);
        var stream = new TabularCsvChunks(path, index, options, first, chunkBytes);
        stream.Columns(first);
        return stream;
    }

    /// <summary>The text of chunk <paramref name="chunk"/>: its rows and their file lines (a CSV chunk as strings, the reference the typed reads are tested against).</summary>
    internal CsvTable ReadChunk(int chunk) => _parquet is not null ? _parquet.ReadGroup(chunk)
        : chunk == 0 ? CsvTableReader.ReadSegment(Path, _options, 0, _index!.ChunkLength(0), 1)
        : CsvTableReader.ReadSegment(Path, _laterChunks, _index!.Offsets[chunk], _index.ChunkLength(chunk), _index.Lines[chunk]);

    /// <summary>
    /// Chunk <paramref name="chunk"/> as a frame, read with <paramref name="loading"/> (from
    /// <see cref="TabularPreprocessor.ConfigureLoading"/>, so that column kinds and task are the fitted ones); it may
    /// have no rows.
    /// </summary>
    public TabularFrame ReadFrame(int chunk, TabularCsvOptions loading)
    {
        ArgumentNullException.ThrowIfNull(loading);
        ArgumentOutOfRangeException.ThrowIfNegative(chunk);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(chunk, ChunkCount);
        // A Parquet row group keeps its numeric columns as numbers, and a CSV chunk is read into typed columns from its
        // field bytes: an epoch reads no string per cell.
        return _parquet is not null ? ParquetFrameBuilder.Build(_parquet, loading, chunk) : TypedTableReader.ChunkFrame(Path, loading, Tokenize(chunk));
    }

    /// <summary>
    /// Fits the preprocessing on the rows whose file line <paramref name="isTrainingLine"/> accepts, in passes over
    /// the file: the first decides column kinds and task over every row (as loading does) and sums the training
    /// values; the next ones count categories and sum squared deviations (a third only when sums overflow).
    /// </summary>
    /// <exception cref="CsvFormatException">Any error <see cref="TabularCsv.Load"/> or
    /// <see cref="TabularPreprocessor.Fit(TabularFrame, ReadOnlySpan{int}, TabularPreprocessorOptions?)"/> raises for the
    /// same rows, or no training rows.</exception>
    public TabularStreamFit Fit(Func<int, bool> isTrainingLine, TabularPreprocessorOptions? preprocessing = null)
    {
        ArgumentNullException.ThrowIfNull(isTrainingLine);
        preprocessing ??= new TabularPreprocessorOptions();
        var fit = new StreamFitter(this, isTrainingLine, preprocessing);
        return fit.Run();
    }

    /// <summary>
    /// Transforms, in one pass in file order, the rows each of <paramref name="parts"/> sets wants: row on line L goes
    /// to set <c>part(L)</c> (or none when it returns -1).
    /// </summary>
    public TabularDataset?[] Transform(TabularPreprocessor preprocessor, Func<int, int> part, int parts)
    {
        ArgumentNullException.ThrowIfNull(preprocessor);
        ArgumentNullException.ThrowIfNull(part);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parts);
        TabularCsvOptions loading = preprocessor.ConfigureLoading(_options);
        var pieces = new List<TabularDataset>[parts];
        for (int p = 0; p < parts; p++) pieces[p] = [];
        if (_parquet is not null)
            for (int c = 0; c < ChunkCount; c++) Take(ReadFrame(c, loading));
        else
            ForEachChunk(fields => TypedTableReader.ChunkFrame(Path, loading, fields), Take);
        var result = new TabularDataset?[parts];
        for (int p = 0; p < parts; p++) result[p] = pieces[p].Count == 0 ? null : TabularDatasetConcat.Of(pieces[p]);
        return result;

        void Take(TabularFrame frame)
        {
            var rows = new List<int>[parts];
            for (int p = 0; p < parts; p++) rows[p] = [];
            for (int r = 0; r < frame.RowCount; r++)
            {
                int p = part(frame.LineNumbers[r]);
                if (p >= 0) rows[p].Add(r);
            }
            for (int p = 0; p < parts; p++)
                if (rows[p].Count > 0) pieces[p].Add(preprocessor.Transform(frame, rows[p].ToArray()));
        }
    }

    /// <summary>Checks the named columns against the header, as loading would.</summary>
    private void Columns(CsvTable first)
    {
        int target = _options.TargetColumn is null ? -1 : TabularCsv.Resolve(first, _options.TargetColumn, "target");
        int id = _options.IdColumn is null ? -1 : TabularCsv.Resolve(first, _options.IdColumn, "id");
        if (target >= 0 && target == id)
            throw new CsvFormatException(Path, HeaderLine, Header[target], "the same column cannot be both the target and the id column");
        if (_options.ColumnKinds is not null)
            foreach (string name in _options.ColumnKinds.Keys) TabularCsv.Resolve(first, name, "declared");
    }
}
