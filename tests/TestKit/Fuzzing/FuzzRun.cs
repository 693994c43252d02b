using System.Globalization;
using Xunit;

namespace Dendrite.TestKit.Fuzzing;

/// <summary>
/// Runs a reader over many mutants of valid inputs and fails when one escapes the contract: a reader may succeed or
/// throw a <see cref="DendriteException"/> (the user-error family the CLI prints as one line), never another exception
/// type, and never allocate more than a bound per input.
/// </summary>
/// <remarks>
/// Each mutant is made from <c>new Random(seed * 1_000_003 + i)</c>, so a failure report's seed and iteration replay
/// it exactly; the failing input is also saved under the temp folder. CI runs a bounded number of iterations; for a
/// longer search set DENDRITE_FUZZ_ITERATIONS (iterations per target, e.g. 200000) and DENDRITE_FUZZ_SEED (any
/// integer) and run the fuzz tests alone:
/// <c>DENDRITE_FUZZ_ITERATIONS=200000 DENDRITE_FUZZ_SEED=$RANDOM dotnet test tests/Dendrite.Data.Tests --filter Category=Fuzz</c>.
/// </remarks>
public static class FuzzRun
{
    /// <summary>The iterations per target: DENDRITE_FUZZ_ITERATIONS when set, else <paramref name="ciDefault"/>.</summary>
    public static int Iterations(int ciDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable("DENDRITE_FUZZ_ITERATIONS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : ciDefault;

    /// <summary>The seed: DENDRITE_FUZZ_SEED when set, else a fixed one so CI is reproducible.</summary>
    public static int Seed =>
        int.TryParse(Environment.GetEnvironmentVariable("DENDRITE_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int s) ? s : 20_251_117;

    /// <summary>
    /// Feeds <paramref name="iterations"/> mutants from <paramref name="makeMutant"/> to <paramref name="read"/>.
    /// <paramref name="checkError"/>, when given, may reject a DendriteException (its message, say) by returning a reason.
    /// </summary>
    public static void Check(
        string target,
        int iterations,
        Func<System.Random, byte[]> makeMutant,
        Action<byte[]> read,
        long maxAllocatedBytes = 256L << 20,
        Func<byte[], DendriteException, string?>? checkError = null)
    {
        ArgumentNullException.ThrowIfNull(makeMutant);
        ArgumentNullException.ThrowIfNull(read);
        int seed = Seed;
        var failures = new List<string>();
        for (int i = 0; i < iterations && failures.Count < 5; i++)
        {
            byte[] mutant = makeMutant(new System.Random(unchecked(seed * 1_000_003 + i)));
            long before = GC.GetAllocatedBytesForCurrentThread();
            string? failure = null;
            try
            {
                read(mutant);
            }
            catch (DendriteException e)
            {
                if (checkError?.Invoke(mutant, e) is string reason) failure = $"{reason}: {e.GetType().Name}: {Clip(e.Message)}";
            }
            catch (Exception e)
            {
                failure = $"{e.GetType().FullName}: {Clip(e.Message)}\n    at {FirstFrame(e)}";
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (failure is null && allocated > maxAllocatedBytes)
                failure = $"allocated {allocated} bytes for a {mutant.Length}-byte input (bound {maxAllocatedBytes})";
            if (failure is not null) failures.Add($"{target} seed {seed} iteration {i}: {failure}\n    input: {Save(target, seed, i, mutant)}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string Clip(string message)
    {
        string line = message.ReplaceLineEndings("\\n");
        return line.Length <= 300 ? line : line[..300] + $"… ({message.Length} characters)";
    }

    private static string FirstFrame(Exception e) =>
        e.StackTrace?.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "(no stack)";

    private static string Save(string target, int seed, int iteration, byte[] mutant)
    {
        string dir = Path.Combine(Path.GetTempPath(), "dendrite-fuzz");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, $"{target}-{seed}-{iteration}.bin");
        File.WriteAllBytes(path, mutant);
        string head = Convert.ToHexString(mutant.AsSpan(0, Math.Min(48, mutant.Length)));
        return $"{path} ({mutant.Length} bytes, starts {head})";
    }
}
