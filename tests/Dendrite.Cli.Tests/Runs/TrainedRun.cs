using Dendrite.TestKit;

namespace Dendrite.Cli.Tests.Runs;

/// <summary>A finished 2-epoch run on the synthetic data (4 features = 2×2 images, 3 classes), shared by a test class.</summary>
public sealed class TrainedRun : IDisposable
{
    private readonly TempDirectory _dir = new();

    public TrainedRun()
    {
        Folder = _dir.Combine("run");
        var r = CliRunner.Run(CliRunner.Synthetic, "train", "--epochs", "2", "--hidden", "6", "--batch-size", "8",
            "--init", "default", "--lr", "0.5", "--out", Folder);
        if (r.ExitCode != 0) throw new InvalidOperationException("training failed: " + r.Stderr);
    }

    public string Folder { get; }

    public string Best => Path.Combine(Folder, "best.safetensors");

    /// <summary>A scratch file path inside the fixture's folder.</summary>
    public string Scratch(string name) => _dir.Combine(name);

    public void Dispose() => _dir.Dispose();
}
