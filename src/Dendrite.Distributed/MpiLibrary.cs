using System.Reflection;
using System.Runtime.InteropServices;

namespace Dendrite.Distributed;

/// <summary>
/// Finds the MPI library and routes MPI.NET's P/Invokes to it. MPI.NET is built against MS-MPI's <c>msmpi.dll</c>; on
/// Linux its imports are resolved to MPICH's <c>libmpich.so.12</c>, whose ABI uses the same integer handles and
/// constants (MPI_COMM_WORLD 0x44000000, MPI_FLOAT 0x4c00040a, MPI_SUM 0x58000003, …). Open MPI is not supported: its
/// handles are pointers to library structures, so MPI.NET's integer constants mean nothing to it.
/// </summary>
public static class MpiLibrary
{
    /// <summary>The libraries tried, in order: MPICH's runtime library as Debian and most distributions name it.</summary>
    public static IReadOnlyList<string> Candidates { get; } = ["libmpich.so.12", "libmpi.so.12"];

    /// <summary>What to tell a user whose machine has no MPI.</summary>
    public const string InstallHint = "--distributed needs MPI: install MPICH (Debian/Ubuntu: apt-get install mpich) and launch with mpiexec -n N dendrite train … --distributed";

    private static readonly Lock s_gate = new();
    private static nint s_handle;

    /// <summary>
    /// Loads the first of <paramref name="candidates"/> (default <see cref="Candidates"/>) that exists and routes MPI.NET
    /// to it; later calls return the library already loaded.
    /// </summary>
    /// <exception cref="DendriteException">none of them loads; the message says how to install MPICH.</exception>
    public static void Load(IReadOnlyList<string>? candidates = null)
    {
        lock (s_gate)
        {
            if (s_handle != 0) return;
            nint handle = 0;
            foreach (string name in candidates ?? Candidates)
                if (NativeLibrary.TryLoad(name, out handle)) break;
            if (handle == 0) throw new DendriteException(InstallHint);
            s_handle = handle;
            Assembly mpi = typeof(MPI.Environment).Assembly;
            NativeLibrary.SetDllImportResolver(mpi, Resolve);
            NativeLibrary.SetDllImportResolver(typeof(MpiLibrary).Assembly, Resolve);
        }
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? path) =>
        name is "msmpi.dll" or "msmpi" ? s_handle : 0;
}
