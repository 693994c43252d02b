using Dendrite.Training.Models;
using Dendrite.Training.Runs;

namespace Dendrite.Cli.Runs;

/// <summary>
/// Resolves the MODEL_OR_RUN argument of eval/predict/summary: a .safetensors file is used as is; a run folder means
/// its best.safetensors (the epoch with the best selection metric), or last.safetensors before any epoch has been
/// judged; a folder written by version 1's <c>train --csv</c> means its model.safetensors.
/// </summary>
internal static class ModelSource
{
    /// <summary>The file a version-1 CSV run saved its model in.</summary>
    public const string LegacyTableModel = "model.safetensors";

    public static TrainedModel Load(string modelOrRun) => TrainedModel.Load(Resolve(modelOrRun));

    public static string Resolve(string modelOrRun)
    {
        if (!Directory.Exists(modelOrRun)) return modelOrRun;
        string best = Path.Combine(modelOrRun, RunFolder.BestFile);
        if (File.Exists(best)) return best;
        if (RunFolder.IsRun(modelOrRun)) return Path.Combine(modelOrRun, RunFolder.LastFile);
        string legacy = Path.Combine(modelOrRun, LegacyTableModel);
        if (File.Exists(legacy)) return legacy;
        throw new RunFolderException($"{modelOrRun}: is a folder but not a run folder (no {RunFolder.LastFile}); give a run folder or a .safetensors model");
    }
}
