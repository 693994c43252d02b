using Dendrite.Training.Policy;

namespace Dendrite.Training.Tests.Policy;

/// <summary>The text forms of schedules, clipping and early stopping (the parsers moved from the CLI into the library).</summary>
public class PolicyTextTests
{
    [Theory]
    [InlineData("step:2", "step:2:0.1")]
    [InlineData("STEP:3:0.5", "step:3:0.5")]
    [InlineData("multistep:5,10:0.2", "multistep:5,10:0.2")]
    [InlineData("exp:0.95", "exp:0.95")]
    [InlineData("cosine", "cosine")]
    [InlineData(" onecycle ", "onecycle")]
    [InlineData("plateau", "plateau:10:0.1")]
    [InlineData("plateau:3:0.5", "plateau:3:0.5")]
    public void LrSchedule_ParsesAndFormatsBackToTheSameSchedule(string text, string formatted)
    {
        LrScheduleSpec spec = LrScheduleSpec.Parse(text)!;
        Assert.Equal(formatted, spec.Format());
        Assert.Equal(spec, LrScheduleSpec.Parse(spec.Format()));
    }

    [Fact]
    public void LrSchedule_ReadsItsParameters_AndNoneIsNull()
    {
        Assert.Null(LrScheduleSpec.Parse("none"));
        Assert.Equal(new LrScheduleSpec(LrScheduleKind.Step, StepSize: 3, Gamma: 0.5), LrScheduleSpec.Parse("step:3:0.5"));
        var multi = LrScheduleSpec.Parse("multistep:5,10")!;
        Assert.Equal((LrScheduleKind.MultiStep, 0.1f), (multi.Kind, (float)multi.Gamma));
        Assert.Equal([5, 10], multi.Milestones!);
        Assert.Equal(new LrScheduleSpec(LrScheduleKind.Plateau, Patience: 0, Factor: 0.5), LrScheduleSpec.Parse("plateau:0:0.5"));
        Assert.True(LrScheduleSpec.Parse("onecycle")!.PerStep);
        Assert.False(LrScheduleSpec.Parse("cosine")!.PerStep);
    }

    [Theory]
    [InlineData("")]
    [InlineData("warp")]
    [InlineData("step")]
    [InlineData("step:0")]
    [InlineData("step:2:-1")]
    [InlineData("multistep:0,3")]
    [InlineData("exp")]
    [InlineData("cosine:3")]
    [InlineData("plateau:2:1")]
    [InlineData("plateau:-1")]
    public void LrSchedule_RefusesOtherText_ListingTheForms(string text)
    {
        var e = Assert.Throws<DendriteException>(() => LrScheduleSpec.Parse(text));
        Assert.Contains($"'{text}'", e.Message, StringComparison.Ordinal);
        Assert.Contains(LrScheduleSpec.Syntax, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GradientClip_ParsesNormAndValue_AndFormatsBack()
    {
        Assert.Equal(new GradientClip(GradientClipKind.Norm, 1f), GradientClip.Parse("norm:1"));
        Assert.Equal(new GradientClip(GradientClipKind.Value, 0.25f), GradientClip.Parse("VALUE:0.25"));
        Assert.Equal("value:0.25", GradientClip.Parse("value:0.25").Format());
        var odd = new GradientClip(GradientClipKind.Norm, 0.1f);
        Assert.Equal(odd, GradientClip.Parse(odd.Format()));
        foreach (string bad in new[] { "norm", "norm:0", "value:-1", "clip:1", "norm:inf", "norm:1:2" })
            Assert.Contains("norm:X or value:X", Assert.Throws<DendriteException>(() => GradientClip.Parse(bad)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EarlyStopping_ParsesPatienceAndMinDelta_AndFormatsBack()
    {
        Assert.Equal(new EarlyStoppingSpec(5), EarlyStoppingSpec.Parse("5"));
        var spec = EarlyStoppingSpec.Parse("3:0.01");
        Assert.Equal((3, 0.01f), (spec.Patience, (float)spec.MinDelta));
        Assert.Equal("5:0", EarlyStoppingSpec.Parse("5").Format());
        Assert.Equal(spec, EarlyStoppingSpec.Parse(spec.Format()));
        foreach (string bad in new[] { "0", "-1", "x", "3:-0.1", "3:0.1:2", "3:nan" })
            Assert.Contains("PATIENCE", Assert.Throws<DendriteException>(() => EarlyStoppingSpec.Parse(bad)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TooLongText_IsCutInTheMessage()
    {
        string text = "step:" + new string('9', 200);
        var e = Assert.Throws<DendriteException>(() => LrScheduleSpec.Parse(text));
        Assert.DoesNotContain(text, e.Message, StringComparison.Ordinal);
        Assert.Contains("…", e.Message, StringComparison.Ordinal);
    }
}
