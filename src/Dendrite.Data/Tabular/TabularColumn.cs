namespace Dendrite.Data.Tabular;

/// <summary>
/// One feature column of a loaded CSV, before preprocessing: the trimmed text of every row (null = missing) and,
/// for a numeric column, the parsed values (NaN = missing).
/// </summary>
public sealed class TabularColumn
{
    /// <summary>A column over the given arrays (not copied).</summary>
    /// <param name="name">The header name.</param>
    /// <param name="kind">Numeric or categorical.</param>
    /// <param name="values">The trimmed field of each row; null where missing.</param>
    /// <param name="numbers">
    /// For a numeric column, one parsed value per row (NaN where missing); ignored otherwise.
    /// </param>
    /// <exception cref="ArgumentNullException">
    /// <paramref name="name"/> or <paramref name="values"/> is null.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="kind"/> is <see cref="ColumnKind.Ignore"/>, or a numeric column lacks one number per value.
    /// </exception>
    public TabularColumn(string name, ColumnKind kind, string?[] values, double[]? numbers)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(values);
        if (kind == ColumnKind.Ignore) throw new ArgumentException("an ignored column is not kept", nameof(kind));
        if (kind == ColumnKind.Numeric && (numbers is null || numbers.Length != values.Length))
            throw new ArgumentException("a numeric column needs one parsed number per value", nameof(numbers));
        Name = name;
        Kind = kind;
        _numbers = kind == ColumnKind.Numeric ? numbers : null;
        _values = values;
    }

    private string?[]? _values;
    private double[]? _numbers;

    /// <summary>A numeric column's values as <see cref="DecimalCode"/>s (half the memory of doubles), or null.</summary>
    private readonly uint[]? _codes;

    /// <summary>A categorical column's values as numbers into <see cref="_distinct"/> (0 = missing, k = text k − 1), or null.</summary>
    private readonly ushort[]? _textCodes;
    private readonly string[]? _distinct;

    /// <summary>
    /// A categorical column kept as 2-byte numbers into its distinct texts (a quarter of the memory of a string
    /// reference per row): <see cref="TextAt"/> reads one value, <see cref="Values"/> makes the array on first use.
    /// </summary>
    internal static TabularColumn FromTextCodes(string name, ushort[] codes, string[] distinct) => new(name, codes, distinct);

    private TabularColumn(string name, ushort[] codes, string[] distinct)
    {
        Name = name;
        Kind = ColumnKind.Categorical;
        _textCodes = codes;
        _distinct = distinct;
    }

    /// <summary>
    /// A numeric column kept as numbers only: its <see cref="Values"/> are the given texts, or, when the texts were not
    /// kept (a column of many distinct numbers), the numbers written back in round-trip form, made on first use.
    /// </summary>
    internal static TabularColumn FromNumbers(string name, double[] numbers, string?[]? texts) =>
        new(name, numbers, null, texts);

    /// <summary>
    /// A numeric column kept as <see cref="DecimalCode"/>s: <see cref="NumberAt"/> decodes a value when asked, and
    /// <see cref="Numbers"/> decodes them all on first use.
    /// </summary>
    internal static TabularColumn FromCodes(string name, uint[] codes, string?[]? texts) => new(name, null, codes, texts);

    private TabularColumn(string name, double[]? numbers, uint[]? codes, string?[]? texts)
    {
        Name = name;
        Kind = ColumnKind.Numeric;
        _numbers = numbers;
        _codes = codes;
        _values = texts;
    }

    /// <summary>The column's header name.</summary>
    public string Name { get; }

    /// <summary><see cref="ColumnKind.Numeric"/> or <see cref="ColumnKind.Categorical"/>.</summary>
    public ColumnKind Kind { get; }

    /// <summary>
    /// The trimmed field of each row; null where the value is missing. For a numeric column of many distinct values
    /// loaded by <see cref="TabularCsv.Load"/>, which keeps numbers rather than a string per cell, these are the
    /// numbers written back in round-trip form ("1.50" reads back as "1.5"), made when first asked for; for a categorical
    /// column it loaded, spelled out from the column's numbered distinct texts when first asked for.
    /// </summary>
    public string?[] Values => _values ??= _textCodes is not null ? Array.ConvertAll(_textCodes, TextOf) : FormatNumbers();

    /// <summary>The trimmed field of row <paramref name="row"/> (null where missing), as <see cref="Values"/> holds it, without making that array.</summary>
    internal string? TextAt(int row) => _values is { } values ? values[row] : _textCodes is { } codes ? TextOf(codes[row]) : Values[row];

    /// <summary>
    /// The numbered texts of a categorical column kept as <see cref="FromTextCodes"/> made it: per row 0 (missing) or
    /// k for <paramref name="distinct"/>[k − 1], so a caller can work per distinct text rather than per row.
    /// </summary>
    internal bool TryTextCodes(out ushort[] codes, out string[] distinct)
    {
        codes = _textCodes!;
        distinct = _distinct!;
        return _textCodes is not null;
    }

    private string? TextOf(ushort code) => code == 0 ? null : _distinct![code - 1];

    /// <summary>
    /// For a numeric column, the value of each row (NaN where missing); null for a categorical column. A column
    /// loaded by <see cref="TabularCsv.Load"/> keeps its plain decimals in 4 bytes each and makes this array (8 bytes
    /// a row) when first asked for; <see cref="NumberAt"/> reads one value without it.
    /// </summary>
    public double[]? Numbers => _numbers ??= _codes is null ? null : Array.ConvertAll(_codes, DecimalCode.Decode);

    /// <summary>The value of row <paramref name="row"/> of a numeric column (NaN where missing), the bits <see cref="Numbers"/> holds.</summary>
    /// <exception cref="InvalidOperationException">The column is categorical.</exception>
    public double NumberAt(int row) =>
        _numbers is { } numbers ? numbers[row]
        : _codes is { } codes ? DecimalCode.Decode(codes[row])
        : throw new InvalidOperationException($"column '{Name}' is categorical: it has no numbers");

    /// <summary>Whether the numbers are kept as 4-byte <see cref="DecimalCode"/>s (and not as doubles).</summary>
    internal bool KeepsCodes => _codes is not null;

    /// <summary>Whether a numeric column holds its texts (made or kept), not only its numbers.</summary>
    internal bool HoldsTexts => _values is not null;

    /// <summary>Number of rows.</summary>
    internal int Count => _values?.Length ?? _textCodes?.Length ?? _codes?.Length ?? _numbers!.Length;

    /// <summary>Number of missing values.</summary>
    public int MissingCount
    {
        get
        {
            if (_values is not null) return _values.Count(v => v is null);
            if (_textCodes is not null) return _textCodes.Count(c => c == 0);
            int missing = 0;
            for (int r = 0; r < Count; r++)
                if (double.IsNaN(NumberAt(r))) missing++;
            return missing;
        }
    }

    private string?[] FormatNumbers()
    {
        var texts = new string?[Count];
        for (int r = 0; r < texts.Length; r++)
        {
            double x = NumberAt(r);
            texts[r] = double.IsNaN(x) ? null : NumberText.Format(x);
        }
        return texts;
    }

    /// <summary>The name and kind, e.g. "LotArea (Numeric)".</summary>
    public override string ToString() => $"{Name} ({Kind})";
}
