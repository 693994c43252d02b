using System.Globalization;
using System.Text;
using Dendrite.Data.Tabular;

namespace Dendrite.Data.Tests.Tabular;

/// <summary>
/// A value kept as its 4-byte code must come back as exactly the bits <c>double.Parse</c> gives for its text, and
/// every value that does not fit must be declined (the column then keeps doubles).
/// </summary>
public sealed class DecimalCodeTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("+7")]
    [InlineData("-0.35967")]
    [InlineData("195.65406")]
    [InlineData("8450")]
    [InlineData("134217726")]
    [InlineData("-1.34217726")]
    [InlineData("0.000000000000001")]
    [InlineData("-2e-05")]
    [InlineData("1.5E3")]
    public void FittingDecimals_DecodeToTheBitsOfDoubleParse(string text)
    {
        Assert.True(DecimalCode.TryEncode(Encoding.ASCII.GetBytes(text), out uint code), text);
        Assert.NotEqual(DecimalCode.Missing, code);
        double expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(DecimalCode.Decode(code)));
    }

    [Theory]
    [InlineData("134217727")]          // the mantissa reserved for missing
    [InlineData("1342.17728")]         // 9 significant digits past the limit
    [InlineData("0.0000000000000001")] // 16 fraction digits
    [InlineData("1e-16")]
    [InlineData("NA")]
    [InlineData("")]
    [InlineData("1e400")]
    public void OtherTexts_AreDeclined(string text) =>
        Assert.False(DecimalCode.TryEncode(Encoding.ASCII.GetBytes(text), out _), text);

    [Fact]
    public void Missing_DecodesToNaN() => Assert.True(double.IsNaN(DecimalCode.Decode(DecimalCode.Missing)));

    [Fact]
    public void RandomDecimals_DecodeBitForBit()
    {
        var random = new System.Random(21);
        int encoded = 0;
        for (int n = 0; n < 100_000; n++)
        {
            var text = new StringBuilder();
            if (random.Next(3) == 0) text.Append('-');
            int whole = random.Next(0, 6), fraction = random.Next(0, 9);
            for (int i = 0; i < whole; i++) text.Append((char)('0' + random.Next(10)));
            if (fraction > 0) text.Append('.');
            for (int i = 0; i < fraction; i++) text.Append((char)('0' + random.Next(10)));
            if (random.Next(5) == 0) text.Append("e-").Append(random.Next(0, 12));
            string s = text.ToString();
            bool parsed = double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double expected);
            if (!DecimalCode.TryEncode(Encoding.ASCII.GetBytes(s), out uint code)) continue;
            Assert.True(parsed, s);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(DecimalCode.Decode(code)));
            encoded++;
        }
        Assert.True(encoded > 60_000, $"only {encoded} of 100,000 encoded");
    }
}
