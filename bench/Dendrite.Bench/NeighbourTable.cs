using System.Globalization;
using System.Runtime.Intrinsics;

namespace Dendrite.Bench;

/// <summary>
/// `-- neighbour`: what one CPU pays for a ReLU pass over its own 128 KB (its [256, 128] column half of a
/// [256, 256] buffer, as a two-thread step's half of the hidden layer) while the other CPU does something else at
/// the same time. When the other CPU writes the other column half of the same rows, the pass gets several times
/// slower although no line is shared: on the 2-core VM 1.5–2.4 µs → 6.5–7.5 µs in "near" minutes (see `-- handoff`)
/// and ~20 µs inside a training step in "far" ones. That is why the step by parts gives each thread its own buffers.
/// </summary>
internal static class NeighbourTable
{
    private const int Rows = 256, Ld = 256, Half = 128;
    private const int Passes = 2000;

    private enum Other { Blocked, WritesOwnBuffer, WritesOtherColumns, ReadsOtherColumns, WritesNextBlock }

    public static void Run()
    {
        Console.WriteLine($"{"meanwhile the other CPU ...",-46} {"this one's pass over its own 128 KB: median µs",48}  {"p90 µs",6}");
        Row("is blocked", Other.Blocked);
        Row("writes a buffer of its own", Other.WritesOwnBuffer);
        Row("writes the other columns of the same rows", Other.WritesOtherColumns);
        Row("reads the other columns of the same rows", Other.ReadsOtherColumns);
        Row("writes the 128 KB right after this one's", Other.WritesNextBlock);
    }

    private static void Row(string label, Other other)
    {
        double[] t = Measure(other);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-46} {t[Passes / 2],48:F2}  {t[Passes * 9 / 10],6:F2}"));
    }

    /// <summary>Sorted µs of <see cref="Passes"/> passes over columns 0..127 of a [256, 256] buffer while a helper thread runs <paramref name="other"/>.</summary>
    private static unsafe double[] Measure(Other other)
    {
        // [256, 256] shared block, then a contiguous 128 KB block, then the helper's own 128 KB; 64-byte aligned.
        float[] array = GC.AllocateArray<float>((Rows * Ld) + (2 * Rows * Half) + 16, pinned: true);
        fixed (float* raw = array)
        {
            float* shared = (float*)(((nint)raw + 63) & ~(nint)63);
            float* next = shared + (Rows * Ld), own = next + (Rows * Half);
            for (int i = 0; i < Rows * Ld; i++) shared[i] = (i % 7) - 3;
            int state = 0; // 1: helper running, 2: stop
            var helper = new Thread(() => Help(other, shared, next, own, ref state)) { IsBackground = true };
            helper.Start();
            while (other != Other.Blocked && Volatile.Read(ref state) != 1) Thread.SpinWait(1);
            var times = new double[Passes];
            for (int k = -50; k < Passes; k++)
            {
                long start = System.Diagnostics.Stopwatch.GetTimestamp();
                ReluRows(shared, 0);
                if (k >= 0) times[k] = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
            Volatile.Write(ref state, 2);
            helper.Join();
            Array.Sort(times);
            return times;
        }
    }

    private static unsafe void Help(Other other, float* shared, float* next, float* own, ref int state)
    {
        if (other == Other.Blocked) return;
        Volatile.Write(ref state, 1);
        float sink = 0;
        while (Volatile.Read(ref state) == 1)
        {
            switch (other)
            {
                case Other.WritesOwnBuffer: Relu(own, Rows * Half); break;
                case Other.WritesOtherColumns: ReluRows(shared, Half); break;
                case Other.ReadsOtherColumns:
                    for (int r = 0; r < Rows; r++)
                        for (int j = 0; j < Half; j++) sink += shared[(r * Ld) + Half + j];
                    break;
                case Other.WritesNextBlock: Relu(next, Rows * Half); break;
            }
        }
        if (sink == 42f) Console.Write("");
    }

    /// <summary>max(x, 0) in place over columns first..first+127 of each row of the [256, 256] block.</summary>
    private static unsafe void ReluRows(float* block, int first)
    {
        for (int r = 0; r < Rows; r++) Relu(block + (r * Ld) + first, Half);
    }

    private static unsafe void Relu(float* p, int n)
    {
        for (int j = 0; j + Vector256<float>.Count <= n; j += Vector256<float>.Count)
            Vector256.Store(Vector256.Max(Vector256.Load(p + j), Vector256<float>.Zero), p + j);
    }
}
