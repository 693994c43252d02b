using System.Diagnostics;
using System.Globalization;
using Dendrite.Data;
using Dendrite.Kernels.Threading;
using Dendrite.Nn;
using Dendrite.Training.Models;

namespace Dendrite.ServeBench;

/// <summary>
/// In-process inference on one model, Dendrite next to ONNX Runtime on the same weights and the same Fashion-MNIST test
/// rows, on 1 and 2 threads: batch-1 latency (back-to-back calls, each on the next test image, p50 and p99) and
/// batch-10000 throughput (the median of repeated calls on the whole test set). The engines are first checked to
/// agree on the 10,000 test rows.
/// </summary>
internal static class InProcessBench
{
    private const int Rows = 10000;
    private const int Width = 784;
    private const int Warmup = 3000;
    private const int Calls = 30000;
    private const int BatchRepeats = 15;

    public static void Run(string modelPath, string? onnxPath, TextWriter output)
    {
        TrainedModel model = TrainedModel.Load(Directory.Exists(modelPath) ? Path.Combine(modelPath, "best.safetensors") : modelPath);
        FashionMnistData data = FashionMnist.Load();
        float[] x = data.Test.Features.AsSpan(0, Rows * Width).ToArray(); // scaled pixels: the network's input
        float[] raw = [.. x.Select(v => MathF.Round(v * 255f))];          // the 0–255 pixels a client sends
        var predictor = new Predictor(model);
        int outputs = predictor.OutputWidth;
        output.WriteLine($"model {model.Source} ({model.Describe()}), {Environment.ProcessorCount} CPUs, GEMM {Dendrite.Kernels.Gemm.Sgemm.ActivePath}");

        float[] reference = predictor.Outputs(x, Rows);
        if (onnxPath is not null)
        {
            using var check = new OnnxMlp(onnxPath, 1);
            var ort = new float[Rows * outputs];
            check.Run(x, Rows, Width, ort);
            double maxDiff = 0;
            int agree = 0;
            for (int i = 0; i < Rows; i++)
            {
                for (int j = 0; j < outputs; j++) maxDiff = Math.Max(maxDiff, Math.Abs(ort[i * outputs + j] - reference[i * outputs + j]));
                if (ArgMax(ort, i, outputs) == ArgMax(reference, i, outputs)) agree++;
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"agreement on {Rows} test rows: same class for {agree}, largest logit difference {maxDiff:G3}"));
        }

        output.WriteLine();
        output.WriteLine("| engine | call | threads | batch-1 p50 | batch-1 p99 | batch-10000 samples/s |");
        output.WriteLine("|---|---|---|---|---|---|");
        foreach (int threads in new[] { 1, 2 })
        {
            KernelThreads.Count = threads;
            var logits1 = new float[outputs];
            var logitsN = new float[Rows * outputs];
            var one = new float[Width];

            Row(output, "Dendrite", "fused plan into a caller's buffer (Module.Predict span form)", threads,
                i => { x.AsSpan(i * Width, Width).CopyTo(one); model.Module.Predict(one, 1, logits1); },
                () => model.Module.Predict(x, Rows, logitsN));
            Row(output, "Dendrite", "Predictor.Outputs (thread-safe, pooled plans)", threads,
                i => predictor.Outputs(x.AsSpan(i * Width, Width), 1),
                () => predictor.Outputs(x, Rows));
            Row(output, "Dendrite", "Predictor.Predict (0–255 pixels → classes + probabilities)", threads,
                i => predictor.Predict(raw.AsSpan(i * Width, Width), 1),
                () => predictor.Predict(raw, Rows));
            if (onnxPath is null) continue;

            using var ort = new OnnxMlp(onnxPath, threads);
            var bound1In = new float[Width];
            using OnnxBinding bound1 = ort.Bind(bound1In, 1, Width, logits1);
            using OnnxBinding boundN = ort.Bind(x, Rows, Width, logitsN);
            Row(output, "ONNX Runtime 1.32", "IoBinding on preallocated buffers", threads,
                i => { x.AsSpan(i * Width, Width).CopyTo(bound1In); bound1.Run(); },
                boundN.Run);
            var runIn = new float[Width];
            Row(output, "ONNX Runtime 1.32", "Run (output allocated per call)", threads,
                i => { x.AsSpan(i * Width, Width).CopyTo(runIn); ort.Run(runIn, 1, Width, logits1); },
                () => ort.Run(x, Rows, Width, logitsN));
        }
        KernelThreads.Count = Environment.ProcessorCount;
    }

    private static void Row(TextWriter output, string engine, string call, int threads, Action<int> single, Action batch)
    {
        var latencies = new Latencies();
        for (int n = 0; n < Warmup + Calls; n++)
        {
            int row = n % 1000;
            long start = Stopwatch.GetTimestamp();
            single(row);
            long took = Stopwatch.GetTimestamp() - start;
            if (n >= Warmup) latencies.Add(took);
        }
        batch(); // warm-up
        var seconds = new List<double>();
        for (int r = 0; r < BatchRepeats; r++)
        {
            long start = Stopwatch.GetTimestamp();
            batch();
            seconds.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        seconds.Sort();
        double throughput = Rows / seconds[seconds.Count / 2];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {engine} | {call} | {threads} | {Latencies.Format(latencies.Microseconds(0.5))} | {Latencies.Format(latencies.Microseconds(0.99))} | {throughput / 1000:F0}k |"));
    }

    private static int ArgMax(float[] values, int row, int width)
    {
        int best = 0;
        for (int j = 1; j < width; j++) if (values[row * width + j] > values[row * width + best]) best = j;
        return best;
    }
}
