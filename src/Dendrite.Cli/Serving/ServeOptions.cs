using System.Net;

namespace Dendrite.Cli.Serving;

/// <summary>How <see cref="PredictionServer"/> listens and batches.</summary>
/// <param name="Host">The address to listen on (loopback unless the user says otherwise).</param>
/// <param name="Port">The TCP port; 0 picks a free one (see <see cref="PredictionServer.Address"/>).</param>
internal sealed record ServeOptions(IPAddress Host, int Port)
{
    /// <summary>Default <see cref="MaxBodyBytes"/>: 32 MiB, about 10,000 Fashion-MNIST rows of 0–255 integers.</summary>
    public const long DefaultMaxBodyBytes = 32L << 20;

    /// <summary>The largest request body accepted; a larger one is answered 413 before it is read whole.</summary>
    public long MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>
    /// Rows after which a batch closes without waiting for the window: large enough for the GEMM to pay off, small
    /// enough that a batch's forward pass stays short next to a request's HTTP cost.
    /// </summary>
    public int MaxBatchRows { get; init; } = 256;

    /// <summary>
    /// The longest a batch with fewer than <see cref="MaxBatchRows"/> rows waits for requests whose bodies are being
    /// read (a lone client never waits: nobody else is announced). Zero batches only what is already queued.
    /// </summary>
    public TimeSpan BatchWindow { get; init; } = TimeSpan.FromMilliseconds(DefaultBatchWindowMs);

    /// <summary>Default <see cref="BatchWindow"/> in milliseconds.</summary>
    public const double DefaultBatchWindowMs = 2;
}
