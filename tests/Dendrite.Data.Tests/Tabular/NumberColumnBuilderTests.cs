using System.Globalization;
using System.Text;
using Dendrite.Data.Tabular;

namespace Dendrite.Data.Tests.Tabular;

/// <summary>
/// A column kept as codes and one switched to doubles part-way must hold the same values, and a code-backed column
/// must answer <see cref="TabularColumn.NumberAt"/>, <see cref="TabularColumn.Numbers"/>, its values and its missing
/// count as a column of doubles does.
/// </summary>
public sealed class NumberColumnBuilderTests
{
    private static readonly string?[] Texts = ["1.5", null, "-0", "-2e-05", "195.65406", null, "7"];

    [Fact]
    public void ACodedColumn_AnswersAsAColumnOfDoubles()
    {
        var builder = new NumberColumnBuilder(Texts.Length);
        foreach (string? text in Texts)
        {
            if (text is null) builder.AddMissing();
            else
            {
                Assert.True(DecimalCode.TryEncode(Encoding.ASCII.GetBytes(text), out uint code), text);
                builder.Add(code);
            }
        }
        TabularColumn coded = builder.Build("x", null);
        Assert.True(coded.KeepsCodes);
        TabularColumn plain = TabularColumn.FromNumbers("x", Expected(), null);

        Assert.Equal(Bits(plain.Numbers!), Bits(Enumerable.Range(0, Texts.Length).Select(coded.NumberAt)));
        Assert.Equal(plain.MissingCount, coded.MissingCount);
        Assert.Equal(plain.Values, coded.Values);
        Assert.Equal(Bits(plain.Numbers!), Bits(coded.Numbers!));
    }

    [Fact]
    public void AValueWithoutACode_SwitchesTheColumnToDoubles_KeepingEarlierValues()
    {
        var builder = new NumberColumnBuilder(2); // fewer expected than added: the doubles grow too
        builder.Add(Code("0.1"));
        builder.AddMissing();
        builder.Add(1e300);
        builder.Add(Code("-3.25"));
        builder.AddMissing();
        TabularColumn column = builder.Build("x", null);

        Assert.Equal(5, builder.Count);
        Assert.False(column.KeepsCodes);
        Assert.Equal(Bits([0.1, double.NaN, 1e300, -3.25, double.NaN]), Bits(column.Numbers!));
        Assert.Equal(2, column.MissingCount);
    }

    [Fact]
    public void NumberAt_OfACategoricalColumn_Throws()
    {
        var column = new TabularColumn("c", ColumnKind.Categorical, ["a", null], null);
        Assert.Throws<InvalidOperationException>(() => column.NumberAt(0));
    }

    [Fact]
    public void ALoadedFile_KeepsTheBitsOfDoubleParse_WhateverTheStorage()
    {
        string path = Path.Combine(Path.GetTempPath(), $"dendrite-codes-{Guid.NewGuid():N}.csv");
        try
        {
            // Column a fits codes throughout; column b has one value with 20 digits, so it is kept as doubles.
            File.WriteAllText(path, "a,b,y\n-0.35967,1.5,0\n2e-05,12345678901234567890,1\nNA,-0,0\n");
            TabularFrame frame = TabularCsv.Load(path, new TabularCsvOptions { TargetColumn = "y" });
            Assert.Equal(Bits([-0.35967, 2e-05, double.NaN]), Bits(frame.Columns[0].Numbers!));
            Assert.Equal(Bits([1.5, 12345678901234567890.0, -0.0]), Bits(frame.Columns[1].Numbers!));
            Assert.True(frame.Columns[0].KeepsCodes, "a column of plain decimals and missing values keeps codes");
            Assert.False(frame.Columns[1].KeepsCodes);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AColumnOfFewNumbers_KeepsItsTextsOnlyWhenTheyDoNotReadBackAsWritten()
    {
        string path = Path.Combine(Path.GetTempPath(), $"dendrite-texts-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, "count,price,y\n36,1.50,0\n246,2,1\n36,1.50,0\n-0,007,1\n");
            TabularFrame frame = TabularCsv.Load(path, new TabularCsvOptions { TargetColumn = "y" });
            TabularColumn count = frame.Columns[0], price = frame.Columns[1];
            Assert.Equal(ColumnKind.Numeric, count.Kind);
            Assert.False(count.HoldsTexts, "\"36\", \"246\" and \"-0\" read back as written: the numbers say it all");
            Assert.True(price.HoldsTexts, "\"1.50\" and \"007\" do not read back as written");
            Assert.Equal(new string?[] { "36", "246", "36", "-0" }, count.Values);
            Assert.Equal(new string?[] { "1.50", "2", "1.50", "007" }, price.Values);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static double[] Expected() =>
        [.. Texts.Select(t => t is null ? double.NaN : double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture))];

    private static uint Code(string text)
    {
        Assert.True(DecimalCode.TryEncode(Encoding.ASCII.GetBytes(text), out uint code));
        return code;
    }

    private static long[] Bits(IEnumerable<double> values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];
}
