using Dendrite.Plots.Svg;

namespace Dendrite.Plots.Tests.Svg;

public class SvgBuilderTests
{
    [Fact]
    public void Escape_ReplacesXmlSpecialCharacters_AndDropsForbiddenControls()
    {
        Assert.Equal("a&lt;b&gt;c&amp;d&quot;e&apos;f", SvgBuilder.Escape("a<b>c&d\"e'f"));
        Assert.Equal("xy", SvgBuilder.Escape("x\u0001y"));
    }

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(1.234567, "1.23")]
    [InlineData(-0.001, "0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1234567.891, "1234567.89")]
    public void Num_HasDotDecimalAndAtMostTwoDecimals_AndNeverMinusZero(double v, string expected) =>
        Assert.Equal(expected, SvgBuilder.Num(v));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Num_Throws_ForNonFiniteCoordinates(double v) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SvgBuilder.Num(v));

    [Fact]
    public void Build_IsWellFormed_WithEscapedTextAndClosedGroups()
    {
        var b = new SvgBuilder(100, 50);
        b.BeginGroup(cssClass: "outer");
        b.Text(10, 20, "T-shirt <&> \"top\"", new TextStyle(CssClass: "label"));
        b.BeginGroup(transform: "translate(5 5)"); // left open: Build must close it
        string svg = b.Build();

        var root = SvgAssert.Parse(svg);
        Assert.Equal("T-shirt <&> \"top\"", root.WithClass("label").Single().Value);
        Assert.Equal(2, root.All("g").Count());
    }

    [Fact]
    public void Text_SplitsLinesIntoTspans()
    {
        var b = new SvgBuilder(100, 50);
        b.Text(10, 20, "true: coat\npred: shirt", new TextStyle(CssClass: "caption"));
        var text = SvgAssert.Parse(b.Build()).WithClass("caption").Single();
        Assert.Equal(new[] { "true: coat", "pred: shirt" }, text.Elements(SvgAssert.Ns + "tspan").Select(t => t.Value));
    }

    [Fact]
    public void EndGroup_Throws_WithoutBeginGroup() =>
        Assert.Throws<InvalidOperationException>(() => new SvgBuilder(10, 10).EndGroup());

    [Fact]
    public void Constructor_Throws_ForNonPositiveSize() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SvgBuilder(0, 10));

    [Fact]
    public void Save_WritesFileAtomically_AndOverwrites()
    {
        string dir = Directory.CreateTempSubdirectory("plots-save").FullName;
        try
        {
            string path = Path.Combine(dir, "sub", "chart.svg");
            SvgFile.Save(path, "<svg/>");
            SvgFile.Save(path, "<svg>2</svg>");
            Assert.Equal("<svg>2</svg>", File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!)); // no temp file left behind
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
