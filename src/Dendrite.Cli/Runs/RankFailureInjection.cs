using System.Diagnostics;
using Dendrite.Training.Distributed;

namespace Dendrite.Cli.Runs;

/// <summary>
/// Test-only: makes one rank of a data-parallel run fail after an epoch, so the tests can check that the job ends
/// (rather than hangs) when a rank raises, dies or hangs. Read from <see cref="Variable"/> = "RANK:EPOCH:MODE" with
/// MODE throw, kill (SIGKILL to itself) or hang; unset in every real run. An environment variable rather than an
/// option because it must never appear in <c>--help</c> or a config file.
/// </summary>
internal static class RankFailureInjection
{
    public const string Variable = "DENDRITE_TEST_RANK_FAILURE";

    /// <summary>Fails as configured when this is the configured rank and epoch; otherwise does nothing.</summary>
    public static void AfterEpoch(IDataParallelGroup? group, int epoch)
    {
        if (group is null || Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } spec) return;
        string[] parts = spec.Split(':');
        if (parts.Length != 3 || !int.TryParse(parts[0], out int rank) || !int.TryParse(parts[1], out int at))
            throw new InvalidOperationException($"{Variable} must be RANK:EPOCH:throw|kill|hang, got '{spec}'");
        if (rank != group.Rank || at != epoch) return;
        switch (parts[2])
        {
            case "throw":
                throw new InvalidOperationException($"injected failure after epoch {epoch}");
            case "kill":
                Process.GetCurrentProcess().Kill();
                break;
            case "hang":
                Thread.Sleep(Timeout.Infinite);
                break;
            default:
                throw new InvalidOperationException($"{Variable}: unknown mode '{parts[2]}'");
        }
    }
}
