namespace Dendrite.Data.Tabular;

/// <summary>
/// The numbers of one column as a file is read: as 4-byte <see cref="DecimalCode"/>s while every value is a plain
/// decimal that fits one, as doubles from the first that does not (the codes so far are decoded then). A million-row
/// column of ordinary decimals thus takes 4 MB instead of 8, and its values are the same bits either way.
/// </summary>
internal sealed class NumberColumnBuilder(int expectedRows)
{
    private GrowableArray<uint>? _codes = new(expectedRows);
    private GrowableArray<double>? _numbers;

    /// <summary>Values added.</summary>
    public int Count => _codes?.Count ?? _numbers!.Count;

    /// <summary>Adds a missing value.</summary>
    public void AddMissing()
    {
        if (_codes is not null) _codes.Add(DecimalCode.Missing);
        else _numbers!.Add(double.NaN);
    }

    /// <summary>Adds the value of a plain decimal given as its <see cref="DecimalCode"/>.</summary>
    public void Add(uint code)
    {
        if (_codes is not null) _codes.Add(code);
        else _numbers!.Add(DecimalCode.Decode(code));
    }

    /// <summary>Adds a value that has no code (an exponent, many digits): the column is kept as doubles from now on.</summary>
    public void Add(double value)
    {
        if (_codes is not null)
        {
            var numbers = new GrowableArray<double>(Math.Max(expectedRows, _codes.Count + 1));
            foreach (uint code in _codes.AsSpan()) numbers.Add(DecimalCode.Decode(code));
            _numbers = numbers;
            _codes = null;
        }
        _numbers!.Add(value);
    }

    /// <summary>The column: codes, or doubles when one value had no code.</summary>
    public TabularColumn Build(string name, string?[]? texts) =>
        _codes is not null ? TabularColumn.FromCodes(name, _codes.ToArray(), texts) : TabularColumn.FromNumbers(name, _numbers!.ToArray(), texts);
}
