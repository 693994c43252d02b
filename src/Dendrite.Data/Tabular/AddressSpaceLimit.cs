namespace Dendrite.Data.Tabular;

/// <summary>
/// Whether the process runs under an address-space limit (RLIMIT_AS: <c>ulimit -v</c>, <c>prlimit --as</c>). A thread
/// started under one reserves address space the process may not have to spare (its stack and, with glibc, a malloc
/// arena of 64 MB), and the runtime then aborts without a managed exception: work that could run on a second thread
/// stays on the caller's. Read once from /proc/self/limits; false where that file does not exist.
/// </summary>
internal static class AddressSpaceLimit
{
    private static readonly Lazy<bool> Limited = new(Read);

    /// <summary>True when the soft address-space limit is not "unlimited".</summary>
    public static bool IsSet => Limited.Value;

    private static bool Read()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/limits"))
            {
                // "Max address space         unlimited            unlimited            bytes": soft limit, hard limit, unit.
                if (!line.StartsWith("Max address space", StringComparison.Ordinal)) continue;
                string[] values = line["Max address space".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return values.Length > 0 && values[0] != "unlimited";
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // not Linux, or no procfs: no limit known
        }
        return false;
    }
}
