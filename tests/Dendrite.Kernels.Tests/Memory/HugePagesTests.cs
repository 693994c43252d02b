using System.Globalization;
using System.Runtime.InteropServices;
using Dendrite.Kernels.Memory;

namespace Dendrite.Kernels.Tests.Memory;

public class HugePagesTests
{
    [Fact]
    public void AllocateFloats_GivesAWritableArrayOfTheLength_OrdinaryBelowTheThreshold()
    {
        float[] small = HugePages.AllocateFloats(1000);
        Assert.Equal(1000, small.Length);
        Assert.All(small, v => Assert.Equal(0f, v)); // an ordinary (zeroed) array

        int length = (int)(HugePages.MinBytes / sizeof(float)) * 3 + 5;
        float[] large = HugePages.AllocateFloats(length);
        Assert.Equal(length, large.Length);
        for (int i = 0; i < large.Length; i++) large[i] = i;
        Assert.Equal(length - 1, large[^1]);
        Assert.Equal(12345f, large[12345]);
    }

    [Fact]
    public void AllocateFloats_IsBackedByHugePages_WhereLinuxOffersThem()
    {
        // Only checkable on Linux with transparent huge pages in "madvise" or "always" mode (Debian: madvise).
        const string mode = "/sys/kernel/mm/transparent_hugepage/enabled";
        if (!OperatingSystem.IsLinux() || !File.Exists(mode) || File.ReadAllText(mode).Contains("[never]")) return;
        int length = 64 << 20 >> 2; // 64 MB
        float[] array = HugePages.AllocateFloats(length);
        Array.Fill(array, 1f); // the first touch is what maps the pages
        // The middle: madvise splits the mapping at 2 MB boundaries, so the first element may lie outside the advised part.
        long address = (long)Marshal.UnsafeAddrOfPinnedArrayElement(array, length / 2);
        Assert.True(AnonHugeKilobytes(address) >= 32 << 10, "expected most of a 64 MB array on 2 MB pages");
        GC.KeepAlive(array);
    }

    /// <summary>The AnonHugePages figure of the mapping that holds <paramref name="address"/>, from /proc/self/smaps.</summary>
    private static long AnonHugeKilobytes(long address)
    {
        bool inside = false;
        foreach (string line in File.ReadLines("/proc/self/smaps"))
        {
            int dash = line.IndexOf('-');
            if (dash > 0 && line.IndexOf(' ') > dash && IsHex(line.AsSpan(0, dash)))
            {
                string[] range = line[..line.IndexOf(' ')].Split('-');
                long start = long.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                long end = long.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                inside = address >= start && address < end;
            }
            else if (inside && line.StartsWith("AnonHugePages:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        return 0;
    }

    private static bool IsHex(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
            if (!char.IsAsciiHexDigit(c)) return false;
        return s.Length > 0;
    }
}
