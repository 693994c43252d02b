using Dendrite.Cli.Options;
using Dendrite.Init;

namespace Dendrite.Cli.Commands;

/// <summary>
/// Decides whether a <c>train</c> invocation stays within what run folders can checkpoint and resume exactly
/// (plain SGD, ReLU/Sigmoid/Tanh, normal or default init: the d2l option set) or uses the issue-4 toolbox
/// (other optimizers, schedules, clipping, validation, dropout, batch norm, more activations and inits), whose
/// extra state (optimizer schedules, dropout streams, batch-norm buffers, early-stopping tracker) checkpoints do not
/// hold yet.
/// </summary>
internal static class TrainRunScope
{
    public static bool UsesToolbox(ParsedOptions parsed, TrainExtraSettings extra, TrainSettings settings) =>
        ToolboxOptionsUsed(parsed, extra, settings).Length > 0;

    /// <summary>The toolbox options present, as "--optimizer, --dropout", or "" when there are none.</summary>
    public static string ToolboxOptionsUsed(ParsedOptions parsed, TrainExtraSettings extra, TrainSettings settings)
    {
        var used = TrainExtraOptions.Specs.Select(spec => spec.Name)
            .Where(name => name != "config" && parsed.Has(name))
            .Select(name => "--" + name)
            .ToList();
        if (extra.ActivationName is not null) used.Add("--activation " + extra.ActivationName);
        if (settings.Init is not (LinearInit.NormalInit or LinearInit.DefaultInit)) used.Add("--init " + settings.Init);
        return string.Join(", ", used);
    }
}
