using System.Xml.Linq;

namespace Dendrite.Plots.Tests.Svg;

/// <summary>Parses rendered SVG (failing the test if it is not well-formed XML) and finds elements by class.</summary>
public static class SvgAssert
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public static XElement Parse(string svg)
    {
        var root = XElement.Parse(svg); // throws XmlException on malformed output
        Assert.Equal(Ns + "svg", root.Name);
        Assert.Equal("sans-serif", (string?)root.Attribute("font-family"));
        return root;
    }

    public static IEnumerable<XElement> WithClass(this XElement root, string cssClass) =>
        root.Descendants().Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(cssClass) == true);

    public static IEnumerable<XElement> All(this XElement root, string localName) => root.Descendants(Ns + localName);

    /// <summary>No NaN/Infinity in any attribute: such a coordinate makes browsers drop the element silently.</summary>
    public static void NoNonFiniteNumbers(string svg)
    {
        Assert.DoesNotContain("NaN", svg);
        Assert.DoesNotContain("Infinity", svg);
        Assert.DoesNotContain("∞", svg);
    }
}
