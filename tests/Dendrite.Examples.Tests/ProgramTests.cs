namespace Dendrite.Examples.Tests;

public class ProgramTests
{
    private static readonly string[] Names =
        ["linear-regression", "softmax-regression", "perceptron-vs-softmax", "mlp-scratch", "mlp-concise", "weight-decay", "dropout"];

    [Fact]
    public void Program_WithoutArguments_ListsEveryExample()
    {
        var output = new StringWriter();
        int code = Program.Run([], output, new StringWriter());
        Assert.Equal(0, code);
        string text = output.ToString();
        foreach (string name in Names) Assert.Contains(name, text, StringComparison.Ordinal);
        Assert.Equal(Names.Length, Program.Examples.Count);
    }

    [Fact]
    public void Program_UnknownName_Returns2_AndSaysSo()
    {
        var error = new StringWriter();
        Assert.Equal(2, Program.Run(["no-such-example"], new StringWriter(), error));
        Assert.Contains("no-such-example", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Program_RunsANamedExample()
    {
        var output = new StringWriter();
        Assert.Equal(0, Program.Run(["linear-regression"], output, new StringWriter()));
        Assert.Contains("learned w", output.ToString(), StringComparison.Ordinal);
    }
}
