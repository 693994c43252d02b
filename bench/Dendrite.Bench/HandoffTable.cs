using System.Globalization;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Dendrite.Bench;

/// <summary>
/// `-- handoff`: what it costs one CPU to overwrite 256 KB (the MLP's 256×256 hidden activations) right after
/// another CPU has touched it, by how it touched it. On the 2-core VM the answer moves from minute to minute (with
/// the host's placement of the two vCPUs or its load): rewriting lines the other core has only read took 8–9 µs in
/// some minutes and 40–46 µs in others (against 2 µs with no other core involved), and a two-thread training step
/// moved with it by ~100 µs. Run it next to any two-thread measurement to know which kind of minute that was.
/// </summary>
internal static class HandoffTable
{
    private const int Floats = 256 * 256;
    private const int Rounds = 400;

    private enum Touch { Nothing, WroteAll, WroteEveryOther512Bytes, ReadAll }

    /// <summary>Where the helper's read leaves its sum, so the JIT cannot drop the read.</summary>
    private static float s_sink;

    public static void Run()
    {
        Console.WriteLine($"{"the other CPU last ...",-40} {"then this one overwrites 256 KB: median µs",44}  {"p90 µs",6}");
        Row("did not touch it", Touch.Nothing, streaming: false);
        Row("wrote all of it", Touch.WroteAll, streaming: false);
        Row("wrote every other 512 B (a column half)", Touch.WroteEveryOther512Bytes, streaming: false);
        Row("only read it", Touch.ReadAll, streaming: false);
        if (Avx.IsSupported) Row("only read it (non-temporal stores)", Touch.ReadAll, streaming: true);
    }

    private static void Row(string label, Touch touch, bool streaming)
    {
        double[] t = Measure(touch, streaming);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-40} {t[Rounds / 2],44:F1}  {t[Rounds * 9 / 10],6:F1}"));
    }

    /// <summary>Sorted µs of <see cref="Rounds"/> overwrites, each right after a helper thread's touch of the same buffer.</summary>
    private static double[] Measure(Touch touch, bool streaming)
    {
        float[] buffer = GC.AllocateArray<float>(Floats + 16, pinned: true);
        int turn = 0; // odd: the helper's turn; negative: stop
        var helper = new Thread(() =>
        {
            int seen = 0;
            while (true)
            {
                int now = Volatile.Read(ref turn);
                if (now < 0) return;
                if ((now & 1) == 1 && now != seen)
                {
                    seen = now;
                    TouchAll(buffer, touch, now);
                    Volatile.Write(ref turn, now + 1);
                }
                Thread.SpinWait(1);
            }
        })
        { IsBackground = true };
        helper.Start();
        var times = new double[Rounds];
        for (int r = -20; r < Rounds; r++)
        {
            int mine = Volatile.Read(ref turn) + 1;
            Volatile.Write(ref turn, mine);
            while (Volatile.Read(ref turn) == mine) Thread.SpinWait(1);
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            Overwrite(buffer, r, streaming);
            if (r >= 0) times[r] = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        Volatile.Write(ref turn, -1);
        helper.Join();
        Array.Sort(times);
        return times;
    }

    private static void TouchAll(float[] buffer, Touch touch, int value)
    {
        switch (touch)
        {
            case Touch.WroteAll:
                buffer.AsSpan(0, Floats).Fill(value);
                break;
            case Touch.WroteEveryOther512Bytes:
                for (int i = 128; i < Floats; i += 256) buffer.AsSpan(i, 128).Fill(value);
                break;
            case Touch.ReadAll:
                Volatile.Write(ref s_sink, System.Numerics.Tensors.TensorPrimitives.Sum<float>(buffer.AsSpan(0, Floats)));
                break;
        }
    }

    private static unsafe void Overwrite(float[] buffer, int value, bool streaming)
    {
        if (!streaming)
        {
            buffer.AsSpan(0, Floats).Fill(value);
            return;
        }
        fixed (float* p = buffer)
        {
            float* aligned = (float*)(((nint)p + 31) & ~(nint)31);
            var v = Vector256.Create((float)value);
            for (int i = 0; i + 8 <= Floats; i += 8) Avx.StoreAlignedNonTemporal(aligned + i, v);
            Sse.StoreFence();
        }
    }
}
