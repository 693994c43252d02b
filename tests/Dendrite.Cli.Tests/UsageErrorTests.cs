namespace Dendrite.Cli.Tests;

public class UsageErrorTests
{
    public static TheoryData<string[]> BadTrainArguments => new()
    {
        new[] { "--foo" },
        new[] { "--foo=1" },
        new[] { "-x" },
        new[] { "stray" },
        new[] { "--epochs" },
        new[] { "--epochs", "--lr", "0.1" },
        new[] { "--epochs", "0" },
        new[] { "--epochs", "-3" },
        new[] { "--epochs", "2.5" },
        new[] { "--epochs", "ten" },
        new[] { "--epochs", "99999999999" },
        new[] { "--epochs=" },
        new[] { "--epochs", "2", "--epochs", "3" },
        new[] { "--batch-size", "0" },
        new[] { "--batch-size", "abc" },
        new[] { "--lr", "0" },
        new[] { "--lr", "-0.1" },
        new[] { "--lr", "nan" },
        new[] { "--lr", "Infinity" },
        new[] { "--lr", "1e40" },
        new[] { "--lr", "0,1" },
        new[] { "--weight-decay", "-1" },
        new[] { "--weight-decay", "x" },
        new[] { "--hidden", "" },
        new[] { "--hidden", "256,,10" },
        new[] { "--hidden", "256,0" },
        new[] { "--hidden", "-5" },
        new[] { "--hidden", "many" },
        new[] { "--hidden", "2000000" },       // beyond ModelLimits.MaxWidth
        new[] { "--hidden", "100000,100000" }, // a hidden-to-hidden weight beyond ModelLimits.MaxTensorElements
        new[] { "--activation", "nope" },
        new[] { "--activation", "" },
        new[] { "--init", "normal:" },
        new[] { "--init", "normal:-1" },
        new[] { "--init", "normal:0" },
        new[] { "--init", "xavier" },
        new[] { "--seed", "-1" },
        new[] { "--seed", "1.5" },
        new[] { "--data", "/nonexistent/folder/for/dendrite/tests" },
        new[] { "--log-format", "xml" },
    };

    [Theory]
    [MemberData(nameof(BadTrainArguments))]
    public void BadTrainOption_GivesExitCode2_AndExactlyOneStderrLine(string[] args)
    {
        var r = CliRunner.Run(CliRunner.NoData, ["train", .. args]);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        string line = Assert.Single(r.StderrLines);
        Assert.StartsWith("dendrite: ", line);
        Assert.EndsWith("(see dendrite train --help)", line);
    }

    [Fact]
    public void UnknownOption_MessageNamesTheOption()
    {
        var r = CliRunner.Run(CliRunner.NoData, "train", "--foo");
        Assert.Equal("dendrite: unknown option --foo (see dendrite train --help)\n", r.Stderr);
    }

    [Fact]
    public void BadValue_MessageNamesOptionAndValue()
    {
        var r = CliRunner.Run(CliRunner.NoData, "train", "--lr", "-0.5");
        Assert.Equal("dendrite: --lr must be a finite number > 0, got '-0.5' (see dendrite train --help)\n", r.Stderr);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fly")]
    [InlineData("--bogus")]
    [InlineData("help fly")]
    public void BadCommand_GivesExitCode2_AndOneLine(string commandLine)
    {
        var r = CliRunner.Run(CliRunner.NoData, commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(2, r.ExitCode);
        string line = Assert.Single(r.StderrLines);
        Assert.Matches("^dendrite: .*\\(see dendrite --help\\)$", line);
    }

    [Fact]
    public void DendriteExceptionFromTheLibrary_IsOneLineAndExitCode2()
    {
        var services = new CliServices((_, _) => throw new DendriteException("Fashion-MNIST not found:\n  tried /a\n  tried /b"));
        var r = CliRunner.Run(services, "train");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("dendrite: Fashion-MNIST not found:; tried /a; tried /b", Assert.Single(r.StderrLines));
    }

    [Fact]
    public void ShapeMismatchFromTheLibrary_IsOneLineAndExitCode2()
    {
        var services = new CliServices((_, _) => throw new Dendrite.Tensors.ShapeMismatchException("shapes [2, 3] and [4] do not broadcast"));
        var r = CliRunner.Run(services, "train");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("dendrite: shapes [2, 3] and [4] do not broadcast", Assert.Single(r.StderrLines));
    }

    [Fact]
    public void InternalBugs_AreNotSwallowed()
    {
        Assert.Throws<InvalidOperationException>(() => CliRunner.Run(CliRunner.NoData, "train"));
    }
}
