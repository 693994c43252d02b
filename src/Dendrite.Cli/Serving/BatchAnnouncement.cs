namespace Dendrite.Cli.Serving;

/// <summary>
/// A request's promise to bring rows to the <see cref="MicroBatcher"/> soon (see <see cref="MicroBatcher.Announce"/>);
/// ended once, by <see cref="MicroBatcher.PredictAsync"/> or by <see cref="Dispose"/>.
/// </summary>
internal sealed class BatchAnnouncement(Action withdraw) : IDisposable
{
    private int _ended;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0) withdraw();
    }
}
