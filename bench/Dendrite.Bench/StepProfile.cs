using System.Diagnostics;
using System.Globalization;
using Dendrite.Kernels.Activations;
using Dendrite.Kernels.Gemm;
using Dendrite.Kernels.Reductions;
using Dendrite.Kernels.Threading;
using Dendrite.Optim;
using Dendrite.Tensors;

namespace Dendrite.Bench;

/// <summary>
/// `-- step`: the d2l training step (784-256-10, batch 256) taken apart into its kernel calls, in the order the
/// fused plan makes them, with the median time of each over many steps, on 1 and 2 threads. Shows what the
/// whole-step figure of `-- mlp` is made of beyond the GEMMs.
/// </summary>
internal static class StepProfile
{
    public static void Run(ReadOnlySpan<string> args)
    {
        // `rows [N] [huge]`: each step reads a new shuffled batch's rows in place from an N-row source (60000), as
        // training does (`huge`: the source on 2 MB pages, as datasets are loaded); else one fixed batch, which
        // stays in cache.
        bool fromRows = args.Length > 0 && args[0] == "rows";
        string[] names = ["fwd1 GEMM x·W1ᵀ", "bias+relu", "fwd2 GEMM h·W2ᵀ", "bias", "softmax-CE", "bias grad out",
            "dW2 GEMM", "dH GEMM", "relu bwd + bias grad", "dW1 GEMM", "SGD step"];
        var rng = new Dendrite.Random.Rng(0);
        const int batch = 256, inW = 784, hid = 256, classes = 10;
        int sourceRows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60_000;
        float[] source = [];
        int[] order = [];
        int cursor = 0; // the current batch is order[cursor .. cursor + batch)
        if (fromRows)
        {
            var sourceRng = new Dendrite.Random.Rng(1); // its own stream: the fixed-batch mode's data stays as it was
            source = args.Length > 2 && args[2] == "huge" ? Dendrite.Kernels.Memory.HugePages.AllocateFloats(sourceRows * inW) : new float[sourceRows * inW];
            for (int i = 0; i < source.Length; i++) source[i] = (sourceRng.NextFloat() - 0.5f) * 0.1f;
            order = Enumerable.Range(0, sourceRows).ToArray();
            sourceRng.Shuffle(order.AsSpan());
        }
        float[] x = Fill(rng, batch * inW), w1 = Fill(rng, hid * inW), b1 = new float[hid], w2 = Fill(rng, classes * hid), b2 = new float[classes];
        float[] h = new float[batch * hid], z2 = new float[batch * classes], dz2 = new float[batch * classes], dh = new float[batch * hid];
        float[] gw1 = new float[hid * inW], gb1 = new float[hid], gw2 = new float[classes * hid], gb2 = new float[classes], loss = new float[batch];
        int[] labels = Enumerable.Range(0, batch).Select(_ => rng.NextInt(classes)).ToArray();
        var p1 = new Parameter(w1, hid, inW) { Grad = new Tensor(gw1, hid, inW) };
        var p2 = new Parameter(w2, classes, hid) { Grad = new Tensor(gw2, classes, hid) };
        var sgd = new Sgd([p1, p2], new SgdOptions(0.001f));
        Action[] ops =
        [
            () =>
            {
                if (!fromRows) Sgemm.Multiply(Transpose.No, Transpose.Yes, batch, hid, inW, x, inW, w1, inW, 0f, h, hid);
                else Sgemm.MultiplyRows(Transpose.No, Transpose.Yes, batch, hid, inW, source, inW, order.AsSpan(cursor, batch), w1, inW, [], 0f, h, hid);
            },
            () => ActivationKernels.BiasActivation<Relu>(h, batch, hid, b1),
            () => Sgemm.Multiply(Transpose.No, Transpose.Yes, batch, classes, hid, h, hid, w2, hid, 0f, z2, classes),
            () => ActivationKernels.BiasActivation<Identity>(z2, batch, classes, b2),
            () => SoftmaxCrossEntropy.Compute(z2, batch, classes, labels, loss, dz2, 1f / batch),
            () => ActivationKernels.ActivationBackwardWithBiasGrad<Identity>(dz2, dz2, batch, classes, gb2),
            () => Sgemm.Multiply(Transpose.Yes, Transpose.No, classes, hid, batch, dz2, classes, h, hid, 0f, gw2, hid),
            () => Sgemm.Multiply(Transpose.No, Transpose.No, batch, hid, classes, dz2, classes, w2, hid, 0f, dh, hid),
            () => ActivationKernels.ActivationBackwardWithBiasGrad<Relu>(h, dh, batch, hid, gb1),
            () =>
            {
                if (!fromRows) Sgemm.Multiply(Transpose.Yes, Transpose.No, hid, inW, batch, dh, hid, x, inW, 0f, gw1, inW);
                else
                {
                    Sgemm.MultiplyRows(Transpose.Yes, Transpose.No, hid, inW, batch, dh, hid, [], source, inW, order.AsSpan(cursor, batch), 0f, gw1, inW);
                    cursor = (cursor + batch) % (sourceRows - batch + 1);
                }
            },
            () => sgd.Step(),
        ];
        Console.WriteLine($"{"op",-22} {"1 thread µs",12} {"2 threads µs",13}");
        var results = new double[2][];
        foreach (int threads in new[] { 1, 2 })
        {
            KernelThreads.Count = threads;
            const int steps = 400;
            var times = new double[ops.Length, steps];
            for (int s = -50; s < steps; s++)
                for (int o = 0; o < ops.Length; o++)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    ops[o]();
                    if (s >= 0) times[o, s] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
                }
            results[threads - 1] = Enumerable.Range(0, ops.Length)
                .Select(o => Median(Enumerable.Range(0, steps).Select(s => times[o, s]).ToArray())).ToArray();
        }
        for (int o = 0; o < ops.Length; o++)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{names[o],-22} {results[0][o],12:F1} {results[1][o],13:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"sum of medians",-22} {results[0].Sum(),12:F1} {results[1].Sum(),13:F1}"));
    }

    private static double Median(double[] v)
    {
        Array.Sort(v);
        return v[v.Length / 2];
    }

    private static float[] Fill(Dendrite.Random.Rng rng, int n)
    {
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (rng.NextFloat() - 0.5f) * 0.1f;
        return a;
    }
}
