using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dendrite.Data;

namespace Dendrite.ServeBench;

/// <summary>
/// A closed-loop load on a running <c>dendrite serve</c>: C clients, each sending its next request as soon as the last
/// one was answered, for a fixed time after a warm-up. Requests carry Fashion-MNIST test images as 0–255 pixel rows.
/// Reports latency percentiles, requests and rows per second, and the server's mean batch size (from /healthz).
/// The load is bounded by time and goes to the given loopback address only.
/// </summary>
internal static class HttpLoad
{
    public static async Task RunAsync(Uri url, int[] clientCounts, TimeSpan duration, TimeSpan warmup, int rowsPerRequest, TextWriter output)
    {
        if (!url.IsLoopback) throw new ArgumentException($"{url}: the load goes to loopback addresses only", nameof(url));
        byte[][] bodies = Bodies(rowsPerRequest, 500);
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        using var client = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        output.WriteLine($"{url}: {rowsPerRequest} row(s) per request, {warmup.TotalSeconds:F0} s warm-up, {duration.TotalSeconds:F0} s measured per client count");
        output.WriteLine();
        output.WriteLine("| clients | requests/s | rows/s | p50 | p90 | p99 | max | rows per batch | errors |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (int clients in clientCounts)
        {
            await LoadAsync(client, bodies, clients, warmup, null).ConfigureAwait(false);
            (long batches, long rows) before = await CountsAsync(client).ConfigureAwait(false);
            var latencies = new Latencies();
            long start = Stopwatch.GetTimestamp();
            int errors = await LoadAsync(client, bodies, clients, duration, latencies).ConfigureAwait(false);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            (long batches, long rows) after = await CountsAsync(client).ConfigureAwait(false);
            double perBatch = (after.rows - before.rows) / (double)Math.Max(1, after.batches - before.batches);
            double rate = latencies.Count / seconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {clients} | {rate:F0} | {rate * rowsPerRequest:F0} | {Latencies.Format(latencies.Microseconds(0.5))} | {Latencies.Format(latencies.Microseconds(0.9))} | " +
                $"{Latencies.Format(latencies.Microseconds(0.99))} | {Latencies.Format(latencies.Microseconds(1))} | {perBatch:F1} | {errors} |"));
        }
    }

    /// <summary>Runs <paramref name="clients"/> loops for <paramref name="time"/>; records each answered request's latency.</summary>
    private static async Task<int> LoadAsync(HttpClient client, byte[][] bodies, int clients, TimeSpan time, Latencies? record)
    {
        long end = Stopwatch.GetTimestamp() + (long)(time.TotalSeconds * Stopwatch.Frequency);
        var perClient = new Latencies[clients];
        int errors = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var mine = perClient[c] = new Latencies();
            for (int i = c * 37; Stopwatch.GetTimestamp() < end; i++)
            {
                using var content = new ByteArrayContent(bodies[i % bodies.Length]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                long t0 = Stopwatch.GetTimestamp();
                using HttpResponseMessage response = await client.PostAsync("/predict", content).ConfigureAwait(false);
                await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                long took = Stopwatch.GetTimestamp() - t0;
                if (response.IsSuccessStatusCode) mine.Add(took);
                else Interlocked.Increment(ref errors);
            }
        }))).ConfigureAwait(false);
        if (record is not null) foreach (Latencies l in perClient) record.AddRange(l);
        return errors;
    }

    private static async Task<(long Batches, long Rows)> CountsAsync(HttpClient client)
    {
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/healthz").ConfigureAwait(false));
        return (doc.RootElement.GetProperty("batches").GetInt64(), doc.RootElement.GetProperty("rows").GetInt64());
    }

    /// <summary>{"rows":[[…784 pixels…]]} bodies of consecutive test images.</summary>
    private static byte[][] Bodies(int rowsPerRequest, int count)
    {
        InMemoryDataset test = FashionMnist.Load().Test;
        float[] features = test.Features;
        int width = test.FeatureCount;
        var bodies = new byte[count][];
        for (int b = 0; b < count; b++)
        {
            var sb = new StringBuilder("{\"rows\":[");
            for (int r = 0; r < rowsPerRequest; r++)
            {
                int row = (b * rowsPerRequest + r) % test.Count;
                if (r > 0) sb.Append(',');
                sb.Append('[');
                for (int j = 0; j < width; j++)
                {
                    if (j > 0) sb.Append(',');
                    sb.Append(((int)MathF.Round(features[row * width + j] * 255f)).ToString(CultureInfo.InvariantCulture));
                }
                sb.Append(']');
            }
            bodies[b] = Encoding.UTF8.GetBytes(sb.Append("]}").ToString());
        }
        return bodies;
    }
}
