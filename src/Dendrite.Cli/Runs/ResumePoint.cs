using Dendrite.Cli.Commands;
using Dendrite.Training.Checkpoints;
using Dendrite.Training.Runs;

namespace Dendrite.Cli.Runs;

/// <summary>A run being resumed: its folder, its last checkpoint and the settings to continue with.</summary>
internal sealed record ResumePoint(RunFolder Folder, Checkpoint Last, TrainSettings Settings);
