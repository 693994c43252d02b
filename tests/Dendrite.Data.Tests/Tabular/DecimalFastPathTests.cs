using System.Globalization;
using System.Text;
using Dendrite.Data.Tabular;

namespace Dendrite.Data.Tests.Tabular;

/// <summary>
/// The fast decimal parser must give exactly the bits <c>double.TryParse</c> gives whenever it answers, and decline
/// (leaving the text to <c>double.TryParse</c>) whatever it cannot decide.
/// </summary>
public sealed class DecimalFastPathTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("+0.0")]
    [InlineData("42")]
    [InlineData("-12.375")]
    [InlineData("5.")]
    [InlineData(".5")]
    [InlineData("-.5")]
    [InlineData("0.1")]
    [InlineData("0.30000000000000004")]
    [InlineData("9007199254740992")]
    [InlineData("000123.4500")]
    [InlineData("1234567890123456789")]
    [InlineData("0.0000000000000000000001")]
    [InlineData("1e5")]
    [InlineData("-2e-05")]
    [InlineData("1.5E3")]
    [InlineData("1.5e+3")]
    [InlineData("-0e-5")]
    [InlineData("123.456e-10")]
    [InlineData("9007199254740992e0")]
    [InlineData("900719925474099e1")]
    public void PlainDecimals_MatchDoubleParse(string text) => AssertSame(text);

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1.5.2")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("e5")]
    [InlineData("1e5.5")]
    [InlineData("1e1000")]
    [InlineData("1e-23")]                      // 10^23 is not exact
    [InlineData("9007199254740993e0")]         // beyond 2^53
    [InlineData("900719925474100e1")]          // appending the zero passes 2^53
    [InlineData("+-1")]
    [InlineData(" 1")]
    [InlineData("1,5")]
    [InlineData("NaN")]
    [InlineData("12345678901234567890")]       // 20 digits
    [InlineData("9007199254740993")]           // beyond 2^53
    [InlineData("0.00000000000000000000001")]  // 23 decimals
    [InlineData("١٢")]                         // Arabic-Indic digits
    public void OtherTexts_AreDeclined(string text)
    {
        Assert.False(DecimalFastPath.TryParse(text.AsSpan(), out _));
        Assert.False(DecimalFastPath.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void RandomDecimals_MatchDoubleParseBitForBit()
    {
        var random = new System.Random(20);
        int answered = 0;
        for (int n = 0; n < 200_000; n++)
        {
            var text = new StringBuilder();
            if (random.Next(3) == 0) text.Append(random.Next(2) == 0 ? '-' : '+');
            int whole = random.Next(0, 12), fraction = random.Next(0, 14);
            for (int i = 0; i < whole; i++) text.Append((char)('0' + random.Next(10)));
            if (fraction > 0 || random.Next(4) == 0) text.Append('.');
            for (int i = 0; i < fraction; i++) text.Append((char)('0' + random.Next(10)));
            if (random.Next(4) == 0)
            {
                text.Append(random.Next(2) == 0 ? 'e' : 'E');
                if (random.Next(2) == 0) text.Append(random.Next(2) == 0 ? '-' : '+');
                int digits = random.Next(0, 4);
                for (int i = 0; i < digits; i++) text.Append((char)('0' + random.Next(10)));
            }
            if (AssertSame(text.ToString())) answered++;
        }
        Assert.True(answered > 120_000, $"only {answered} answered by the fast path");
    }

    /// <summary>Checks both overloads; true when the fast path answered.</summary>
    private static bool AssertSame(string text)
    {
        bool fast = DecimalFastPath.TryParse(text.AsSpan(), out double value);
        bool fastBytes = DecimalFastPath.TryParse(Encoding.ASCII.GetBytes(text), out double valueBytes);
        Assert.Equal(fast, fastBytes);
        if (!fast) return false;
        Assert.True(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double expected), text);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(valueBytes));
        return true;
    }
}
