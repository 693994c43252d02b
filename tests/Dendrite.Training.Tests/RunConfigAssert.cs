using Dendrite.Training.Runs;

namespace Dendrite.Training.Tests;

/// <summary>Compares run configs setting by setting.</summary>
internal static class RunConfigAssert
{
    /// <summary>
    /// Asserts that <paramref name="actual"/> holds exactly <paramref name="expected"/>'s settings. Record equality
    /// alone is not enough: <see cref="Nn.Configs.MlpSpec.Hidden"/> is a list, compared by reference, so a config read
    /// back from JSON never equals the one written; the hidden widths are compared by value here instead, and the
    /// initialization by the scheme it stands for (null reads back as the default scheme).
    /// </summary>
    public static void Same(RunConfig expected, RunConfig actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Assert.Equal(expected.Model.Hidden, actual.Model.Hidden);
        // Init null means the default scheme, which a config read back names explicitly.
        Assert.Equal(expected.Model.InitScheme, actual.Model.InitScheme);
        Assert.Equal(expected.Model with { Hidden = actual.Model.Hidden, Init = actual.Model.Init }, actual.Model);
        Assert.Equal(expected.Data, actual.Data);
        Assert.Equal(expected.Objective, actual.Objective);
        Assert.Equal(expected.Optimizer, actual.Optimizer);
        Assert.Equal(expected.Policy, actual.Policy);
        Assert.Equal(expected.Training, actual.Training);
        Assert.Equal(expected.Seed, actual.Seed);
        Assert.Equal(expected with { Model = actual.Model }, actual);
        Assert.Equal(RunConfigJson.Write(expected), RunConfigJson.Write(actual));
    }
}
