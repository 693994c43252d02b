namespace Dendrite.Data.Tabular;

/// <summary>
/// The passes of <see cref="TabularCsvChunks.Fit"/>. Every statistic is accumulated in file order by the same code the
/// in-memory path runs (<see cref="ColumnKindTally"/>, <see cref="TargetTally"/>, <see cref="MomentsAccumulator"/>,
/// <see cref="RegressionTargetTally"/>, and the column fits of <see cref="TabularPreprocessor"/>), so both paths give
/// the same bits.
/// </summary>
internal sealed class StreamFitter
{
    private readonly TabularCsvChunks _stream;
    private readonly Func<int, bool> _isTraining;
    private readonly TabularPreprocessorOptions _preprocessing;
    private readonly TabularCsvOptions _options;
    private readonly HashSet<string> _missing;
    private readonly int _target;
    private readonly int[] _features;
    private readonly ColumnKind?[] _declared;
    private readonly List<int> _skipped = [];

    public StreamFitter(TabularCsvChunks stream, Func<int, bool> isTraining, TabularPreprocessorOptions preprocessing)
    {
        _stream = stream;
        _isTraining = isTraining;
        _preprocessing = preprocessing;
        _options = stream.Options;
        _missing = new HashSet<string>(_options.MissingValues, StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<string> header = stream.Header;
        _target = _options.TargetColumn is null ? -1 : IndexOf(header, _options.TargetColumn);
        int id = _options.IdColumn is null ? -1 : IndexOf(header, _options.IdColumn);
        var features = new List<int>();
        var declared = new List<ColumnKind?>();
        for (int c = 0; c < header.Count; c++)
        {
            if (c == _target || c == id) continue;
            ColumnKind? kind = _options.ColumnKinds is not null && _options.ColumnKinds.TryGetValue(header[c], out ColumnKind k) ? k : null;
            if (kind == ColumnKind.Ignore) continue;
            features.Add(c);
            declared.Add(kind);
        }
        _features = [.. features];
        _declared = [.. declared];
    }

    public TabularStreamFit Run()
    {
        string path = _stream.Path;
        IReadOnlyList<string> header = _stream.Header;
        int n = _features.Length;
        var tallies = new ColumnKindTally[n];
        var moments = new MomentsAccumulator[n];
        for (int k = 0; k < n; k++)
        {
            tallies[k] = new ColumnKindTally();
            moments[k] = new MomentsAccumulator();
        }
        var target = new TargetTally(_options);
        long rows = 0, training = 0;
        int firstLine = int.MaxValue, lastLine = 0;

        // Pass 1: kinds and task over every row (as loading decides them), sums of the training values. A column's
        // moments only matter while it has no text (else it is categorical or an error), so a chunk with text in the
        // column adds none.
        bool[] train = [];
        ForEachChunk(null, chunk =>
        {
            _skipped.AddRange(chunk.SkippedLines);
            train = TrainingRows(chunk, train);
            for (int r = 0; r < chunk.Lines.Length; r++)
            {
                rows++;
                if (!train[r]) continue;
                training++;
                firstLine = Math.Min(firstLine, chunk.Lines[r]);
                lastLine = Math.Max(lastLine, chunk.Lines[r]);
            }
            for (int k = 0; k < n; k++)
            {
                if (_declared[k] == ColumnKind.Categorical) continue;
                StreamChunkColumn column = chunk.Columns[_features[k]]!;
                tallies[k].Append(column.Tally);
                if (tallies[k].HasText || column.Numbers is not { } numbers) continue;
                for (int r = 0; r < numbers.Length; r++)
                    if (train[r]) moments[k].Add(numbers[r]);
            }
            if (_target >= 0)
                for (int r = 0; r < chunk.Lines.Length; r++) target.Add(chunk.Targets![r], chunk.Lines[r]);
        });

        if (rows == 0)
        {
            if (_skipped.Count > 0)
                throw new CsvFormatException(path, _stream.HeaderLine, header[_target], $"the target is missing on every one of the {_skipped.Count} rows");
            throw new CsvFormatException(path, _stream.HeaderLine, null, $"no data rows after the header ({InputText.List(header)})");
        }
        TaskKind? task = null;
        double[]? numericClasses = null;
        if (_target >= 0) task = target.Decide(path, header[_target], out numericClasses);
        var kinds = new ColumnKind[n];
        for (int k = 0; k < n; k++) kinds[k] = tallies[k].Decide(path, header[_features[k]], _declared[k], _options.MostlyNumericFraction);
        if (n == 0)
            throw new CsvFormatException(path, _stream.HeaderLine, null,
                $"no feature columns: the file has only {InputText.List(header)}, none of which is a feature");
        if (training == 0) throw new CsvFormatException(path, 0, null, $"none of the {rows} rows is a training row");
        if (training > int.MaxValue) throw new CsvFormatException(path, 0, null, $"more than {int.MaxValue} training rows");

        // Pass 2 and on: categories, squared deviations, the target's statistics; a pass per pending accumulator step.
        var pending = new bool[n];
        var counts = new Dictionary<string, int>?[n];
        for (int k = 0; k < n; k++)
        {
            if (kinds[k] == ColumnKind.Numeric) pending[k] = moments[k].EndPass();
            else counts[k] = new Dictionary<string, int>(StringComparer.Ordinal);
        }
        bool textClasses = task == TaskKind.Classification && target.TextClasses;
        var classes = textClasses ? new HashSet<string>(StringComparer.Ordinal) : null;
        string? firstClass = null;
        bool singleClass = true;
        RegressionTargetTally? regression = task == TaskKind.Regression ? new RegressionTargetTally(path, header[_target], _preprocessing) : null;
        bool regressionPending = regression is not null;
        bool first = true;
        while (first || regressionPending || pending.Contains(true))
        {
            bool counting = first;
            // The kinds are known now: a categorical column keeps every text, a numeric one its numbers, and a column
            // this pass does not need is not read.
            var needed = new Dictionary<string, ColumnKind>(StringComparer.Ordinal);
            for (int k = 0; k < n; k++)
                needed[header[_features[k]]] = kinds[k] == ColumnKind.Numeric ? (pending[k] ? ColumnKind.Numeric : ColumnKind.Ignore)
                    : counting ? ColumnKind.Categorical : ColumnKind.Ignore;
            ForEachChunk(needed, chunk =>
            {
                train = TrainingRows(chunk, train);
                for (int k = 0; k < n; k++)
                {
                    if (needed[header[_features[k]]] == ColumnKind.Ignore) continue;
                    StreamChunkColumn column = chunk.Columns[_features[k]]!;
                    if (counts[k] is { } c)
                    {
                        string?[] texts = column.Texts!;
                        for (int r = 0; r < texts.Length; r++)
                            if (train[r] && texts[r] is { } value) c[value] = c.GetValueOrDefault(value) + 1;
                    }
                    else
                    {
                        double[] numbers = column.Numbers!;
                        for (int r = 0; r < numbers.Length; r++)
                            if (train[r]) moments[k].Add(numbers[r]);
                    }
                }
                if (_target < 0) return;
                for (int r = 0; r < chunk.Lines.Length; r++)
                {
                    string text = chunk.Targets![r];
                    if (counting && classes is not null) classes.Add(text);
                    if (!train[r]) continue;
                    if (counting && task == TaskKind.Classification)
                    {
                        string key = textClasses ? text : NumberText.Format(Number(text));
                        if (firstClass is null) firstClass = key;
                        else if (singleClass && !string.Equals(firstClass, key, StringComparison.Ordinal)) singleClass = false;
                    }
                    // Regression targets are kept as float32, and fitted from those values.
                    if (regressionPending) regression!.Add((float)Number(text), chunk.Lines[r]);
                }
            });
            for (int k = 0; k < n; k++)
                if (pending[k]) pending[k] = moments[k].EndPass();
            if (regressionPending) regressionPending = regression!.EndPass();
            first = false;
        }

        int trainingRows = (int)training;
        int lo = firstLine, hi = lastLine;
        string LineRange() => TabularPreprocessor.LineRange(lo, hi);
        var columns = new List<FittedColumn>();
        var dropped = new List<string>();
        for (int k = 0; k < n; k++)
        {
            string name = header[_features[k]];
            FittedColumn? fitted = kinds[k] == ColumnKind.Numeric
                ? TabularPreprocessor.FitNumeric(path, name, moments[k].Result(), trainingRows, LineRange, _preprocessing)
                : TabularPreprocessor.FitCategorical(path, name, counts[k]!, trainingRows, LineRange, _preprocessing);
            if (fitted is null) dropped.Add(name);
            else columns.Add(fitted);
        }
        if (columns.Count == 0)
            throw new CsvFormatException(path, 0, null, $"every feature column is constant on the {trainingRows} training rows; nothing is left to learn from");

        FittedTarget? fittedTarget = null;
        if (task == TaskKind.Classification)
        {
            string[] names = textClasses
                ? [.. classes!.Order(StringComparer.Ordinal)]
                : [.. numericClasses!.Select(NumberText.Format)];
            fittedTarget = TabularPreprocessor.FitClasses(path, header[_target], names,
                singleClass ? Array.IndexOf(names, firstClass) : -1, trainingRows, LineRange);
        }
        else if (task == TaskKind.Regression)
        {
            fittedTarget = regression!.Result(trainingRows, LineRange);
        }
        return new TabularStreamFit(TabularPreprocessor.Create([.. columns], fittedTarget, [.. dropped]), rows, training, [.. _skipped]);
    }

    /// <summary>
    /// Every chunk in file order, its rows without a target left out (or refused, naming the first). A CSV chunk is
    /// read into typed columns, with <paramref name="kinds"/> declared for the feature columns when given (a pass that
    /// knows them); a Parquet row group from its table of strings.
    /// </summary>
    private void ForEachChunk(Dictionary<string, ColumnKind>? kinds, Action<StreamChunk> visit)
    {
        if (_stream.IsParquet)
        {
            for (int c = 0; c < _stream.ChunkCount; c++) Visit(StreamChunk.FromTable(_stream.ReadChunk(c), _target, _features, _declared, _missing));
            return;
        }
        TabularCsvOptions reading = Reading(kinds);
        _stream.ForEachChunk(fields => TypedTableReader.ChunkColumns(_stream.Path, reading, fields), Visit);

        void Visit(StreamChunk chunk)
        {
            if (chunk.SkippedLines.Length > 0 && !_options.SkipRowsWithMissingTarget)
                throw TabularCsv.MissingTarget(_stream.Path, chunk.SkippedLines[0], _stream.Header[_target]);
            visit(chunk);
        }
    }

    /// <summary>
    /// The options a pass reads the chunks with: the stream's, with the id column not read (the fit does not use it)
    /// and, when given, the kinds of the feature columns declared.
    /// </summary>
    private TabularCsvOptions Reading(Dictionary<string, ColumnKind>? kinds)
    {
        var declared = new Dictionary<string, ColumnKind>(StringComparer.Ordinal);
        if (_options.ColumnKinds is not null)
            foreach ((string name, ColumnKind kind) in _options.ColumnKinds) declared[name] = kind;
        if (kinds is not null)
            foreach ((string name, ColumnKind kind) in kinds) declared[name] = kind;
        if (_options.IdColumn is { } id) declared[id] = ColumnKind.Ignore;
        return _options with { IdColumn = null, ColumnKinds = declared };
    }

    /// <summary>Whether each kept row of <paramref name="chunk"/> is a training row, in <paramref name="buffer"/> when it is long enough.</summary>
    private bool[] TrainingRows(StreamChunk chunk, bool[] buffer)
    {
        if (buffer.Length < chunk.Lines.Length) buffer = new bool[chunk.Lines.Length];
        for (int r = 0; r < chunk.Lines.Length; r++) buffer[r] = _isTraining(chunk.Lines[r]);
        return buffer;
    }

    private static double Number(string text) => NumberText.TryParse(text, out double value) ? value : double.NaN;

    private static int IndexOf(IReadOnlyList<string> header, string name)
    {
        for (int i = 0; i < header.Count; i++)
            if (header[i] == name) return i;
        return -1;
    }
}
