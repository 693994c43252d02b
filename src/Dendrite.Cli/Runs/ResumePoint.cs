using Dendrite.Cli.Commands;
using Dendrite.Cli.Options;
using Dendrite.Training.Checkpoints;
using Dendrite.Training.Runs;

namespace Dendrite.Cli.Runs;

/// <summary>A run being resumed: its folder, its last checkpoint and the settings to continue with.</summary>
/// <param name="Folder">The run folder.</param>
/// <param name="Last">Its last.safetensors.</param>
/// <param name="Settings">The d2l settings, from the stored options with the command line's overrides.</param>
/// <param name="Options">The merged options themselves, for the toolbox settings.</param>
/// <param name="StoredEpochs">The total epochs the run was laid out for before this resume.</param>
internal sealed record ResumePoint(RunFolder Folder, Checkpoint Last, TrainSettings Settings, ParsedOptions Options, int StoredEpochs);
