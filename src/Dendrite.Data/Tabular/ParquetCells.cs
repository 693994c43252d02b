using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Dendrite.Data.Tabular;

/// <summary>
/// One Parquet column chunk as the text a CSV written from it would hold, so that the CSV rules (trimming, missing
/// markers, column kinds, target task) apply unchanged: null is missing; an integer, decimal or double is its
/// invariant round-trip text; a float is its shortest text as a float ("0.1", not 0.100000001490116, as a CSV written
/// from it shows); a bool is 1 or 0 (numeric); a string is its trimmed value. NaN is missing.
/// </summary>
internal static class ParquetCells
{
    /// <summary>Whether a column of <paramref name="type"/> (a <see cref="DataField.ClrType"/>) can be read.</summary>
    public static bool IsSupported(Type type) =>
        type == typeof(bool) || type == typeof(byte) || type == typeof(sbyte) || type == typeof(short) || type == typeof(ushort)
        || type == typeof(int) || type == typeof(uint) || type == typeof(long) || type == typeof(ulong)
        || type == typeof(float) || type == typeof(double) || type == typeof(decimal)
        || type == typeof(ReadOnlyMemory<char>) || type == typeof(string);

    /// <summary>The values of <paramref name="field"/> in <paramref name="group"/> (one per row, null where missing).</summary>
    public static string?[] Read(ParquetRowGroupReader group, DataField field, int rows, Dictionary<string, string> distinct)
    {
        Type t = field.ClrType;
        string?[] texts =
            t == typeof(bool) ? Numbers<bool>(group, field, rows, b => b ? "1" : "0")
            : t == typeof(byte) ? Numbers<byte>(group, field, rows, x => x.ToString(CultureInfo.InvariantCulture))
            : t == typeof(sbyte) ? Numbers<sbyte>(group, field, rows, x => x.ToString(CultureInfo.InvariantCulture))
            : t == typeof(short) ? Numbers<short>(group, field, rows, x => x.ToString(CultureInfo.InvariantCulture))
            : t == typeof(ushort) ? Numbers<ushort>(group, field, rows, x => x.ToString(CultureInfo.InvariantCulture))
            : t == typeof(int) ? Numbers<int>(group, field, rows, x => x.ToString(CultureInfo.InvariantCulture))
            : t == typeof(uint) ? Numbers<uint>(group, field, rows, x => x.ToString(CultureInfo.InvariantCulture))
            : t == typeof(long) ? Numbers<long>(group, field, rows, x => x.ToString(CultureInfo.InvariantCulture))
            : t == typeof(ulong) ? Numbers<ulong>(group, field, rows, x => x.ToString(CultureInfo.InvariantCulture))
            : t == typeof(float) ? Numbers<float>(group, field, rows, x => float.IsNaN(x) ? null : x.ToString(CultureInfo.InvariantCulture))
            : t == typeof(double) ? Numbers<double>(group, field, rows, x => double.IsNaN(x) ? null : NumberText.Format(x))
            : t == typeof(decimal) ? Numbers<decimal>(group, field, rows, x => x.ToString(CultureInfo.InvariantCulture))
            : Strings(group, field, rows);
        // One shared string per distinct value (while there are few), as the CSV reader keeps them.
        for (int i = 0; i < texts.Length; i++)
        {
            if (texts[i] is not { } text) continue;
            if (distinct.TryGetValue(text, out string? shared)) texts[i] = shared;
            else if (distinct.Count < 1 << 16) distinct.Add(text, text);
        }
        return texts;
    }

    /// <summary>Whether a column of <paramref name="type"/> holds numbers (or booleans) rather than strings.</summary>
    public static bool IsNumeric(Type type) => IsSupported(type) && type != typeof(ReadOnlyMemory<char>) && type != typeof(string);

    /// <summary>
    /// The values of the numeric <paramref name="field"/> in <paramref name="group"/> written into
    /// <paramref name="numbers"/> (NaN where missing) as the number its text in <see cref="Read"/> parses to, so both
    /// ways give the same bits without a string per cell; false when a value is infinite (its text is no number, so
    /// the text path must judge the column).
    /// </summary>
    public static bool ReadNumbers(ParquetRowGroupReader group, DataField field, Span<double> numbers)
    {
        Type t = field.ClrType;
        // Conversions are exact or correctly rounded, as parsing the invariant text is; ulong and decimal go by text.
        return t == typeof(bool) ? Typed<bool>(group, field, numbers, b => b ? 1 : 0)
            : t == typeof(byte) ? Typed<byte>(group, field, numbers, x => x)
            : t == typeof(sbyte) ? Typed<sbyte>(group, field, numbers, x => x)
            : t == typeof(short) ? Typed<short>(group, field, numbers, x => x)
            : t == typeof(ushort) ? Typed<ushort>(group, field, numbers, x => x)
            : t == typeof(int) ? Typed<int>(group, field, numbers, x => x)
            : t == typeof(uint) ? Typed<uint>(group, field, numbers, x => x)
            : t == typeof(long) ? Typed<long>(group, field, numbers, x => x)
            : t == typeof(ulong) ? Typed<ulong>(group, field, numbers, x => Parse(x.ToString(CultureInfo.InvariantCulture)))
            : t == typeof(float) ? Typed<float>(group, field, numbers, x => float.IsNaN(x) ? double.NaN : Parse(x.ToString(CultureInfo.InvariantCulture)))
            : t == typeof(double) ? Typed<double>(group, field, numbers, x => x)
            : t == typeof(decimal) ? Typed<decimal>(group, field, numbers, x => Parse(x.ToString(CultureInfo.InvariantCulture)))
            : throw new InvalidOperationException($"{t} is not a numeric Parquet type");
    }

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool Typed<T>(ParquetRowGroupReader group, DataField field, Span<double> numbers, Func<T, double> number) where T : struct
    {
        int rows = numbers.Length;
        if (field.IsNullable)
        {
            var values = new T?[rows];
            group.ReadAsync(field, values.AsMemory()).AsTask().GetAwaiter().GetResult();
            for (int i = 0; i < rows; i++) numbers[i] = values[i] is { } v ? number(v) : double.NaN;
        }
        else
        {
            var values = new T[rows];
            group.ReadAsync(field, values.AsMemory()).AsTask().GetAwaiter().GetResult();
            for (int i = 0; i < rows; i++) numbers[i] = number(values[i]);
        }
        foreach (double x in numbers)
            if (double.IsInfinity(x)) return false;
        return true;
    }

    private static string?[] Numbers<T>(ParquetRowGroupReader group, DataField field, int rows, Func<T, string?> format) where T : struct
    {
        var texts = new string?[rows];
        if (field.IsNullable)
        {
            var values = new T?[rows];
            group.ReadAsync(field, values.AsMemory()).AsTask().GetAwaiter().GetResult();
            for (int i = 0; i < rows; i++) texts[i] = values[i] is { } v ? format(v) : null;
        }
        else
        {
            var values = new T[rows];
            group.ReadAsync(field, values.AsMemory()).AsTask().GetAwaiter().GetResult();
            for (int i = 0; i < rows; i++) texts[i] = format(values[i]);
        }
        return texts;
    }

    private static string?[] Strings(ParquetRowGroupReader group, DataField field, int rows)
    {
        var texts = new string?[rows];
        group.ReadAsync(field, texts.AsMemory()).AsTask().GetAwaiter().GetResult();
        for (int i = 0; i < rows; i++)
            if (texts[i] is { } text) texts[i] = text.Trim() is { Length: > 0 } trimmed ? trimmed : null;
        return texts;
    }
}
