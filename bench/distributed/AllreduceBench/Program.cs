// Allreduce latency and bandwidth of MpiGroup.Sum (MPI_Allreduce, MPI_SUM on floats, in place), the one collective a
// data-parallel step makes. Run under mpiexec: mpiexec.mpich -n 2 dotnet AllreduceBench.dll [max-floats]
// Prints, per message size, the median time of one allreduce over many repetitions (rank 0 only), then the latency α
// (the cheapest message of at most 256 bytes) and the bandwidth n / (T(n) − α) of the largest.
using System.Diagnostics;
using System.Globalization;
using Dendrite.Distributed;

int maxFloats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1 << 22;
using MpiGroup group = MpiGroup.Start(TimeSpan.FromSeconds(60), Console.Error);
var rows = new List<(int Floats, double Seconds)>();
for (int n = 1; n <= maxFloats; n *= n < 65536 ? 4 : 2)
{
    var buffer = new float[n];
    int reps = (int)Math.Clamp(4e7 / (n + 2000), 5, 400);
    for (int i = 0; i < 10; i++) group.Sum(buffer);
    var times = new double[reps];
    for (int i = 0; i < reps; i++)
    {
        Array.Fill(buffer, 1f);
        group.Barrier();
        long start = Stopwatch.GetTimestamp();
        group.Sum(buffer);
        times[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
    Array.Sort(times);
    rows.Add((n, times[reps / 2]));
    if (buffer[0] != group.Size) throw new InvalidOperationException($"allreduce gave {buffer[0]}, expected {group.Size}");
}
if (group.Rank == 0)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ranks {group.Size}; median time of one in-place float MPI_Allreduce"));
    Console.WriteLine("floats,bytes,microseconds,MB_per_s");
    foreach (var (n, s) in rows)
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n},{4L * n},{s * 1e6:F1},{4.0 * n / s / 1e6:F0}"));
    // The latency is the cheapest small message: on a loaded machine a single size can be inflated by descheduling.
    double alpha = rows.Where(r => r.Floats <= 64).Min(r => r.Seconds);
    var (bigN, bigT) = rows[^1];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"latency alpha = {alpha * 1e6:F1} us; bandwidth at {4.0 * bigN / 1e6:F1} MB = {4.0 * bigN / (bigT - alpha) / 1e9:F2} GB/s"));
}
