using Dendrite.Training.Checkpoints;
using Dendrite.Training.Runs;

namespace Dendrite.Cli.Runs;

/// <summary>
/// Resolves the MODEL_OR_RUN argument of eval/predict/summary: a .safetensors file is used as is; a run folder
/// means its best.safetensors (the epoch with the best selection metric), or last.safetensors before any epoch
/// has been judged.
/// </summary>
internal static class ModelSource
{
    public static (string Path, Checkpoint Checkpoint) Load(string modelOrRun)
    {
        string path = Resolve(modelOrRun);
        // A tabular model has an architecture too, but Fashion-MNIST tools would misread it; say so plainly.
        if (Dendrite.Training.Tabular.TabularCheckpoint.IsTabular(path))
            throw new CheckpointFormatException($"{path}: is a tabular model (train --csv); this command supports image models only; use dendrite predict {modelOrRun} FILE.csv");
        return (path, Checkpoint.Load(path));
    }

    public static string Resolve(string modelOrRun)
    {
        if (!Directory.Exists(modelOrRun)) return modelOrRun;
        if (!RunFolder.IsRun(modelOrRun))
            throw new RunFolderException($"{modelOrRun}: is a folder but not a run folder (no {RunFolder.LastFile}); give a run folder or a .safetensors model");
        string best = Path.Combine(modelOrRun, RunFolder.BestFile);
        return File.Exists(best) ? best : Path.Combine(modelOrRun, RunFolder.LastFile);
    }
}
