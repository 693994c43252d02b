using System.Diagnostics;
using Dendrite.Plots.Tests.Png;

namespace Dendrite.Plots.Tests.Rendering;

/// <summary>
/// Renders an SVG document to PNG with headless Chromium (Debian package "chromium"), so tests see what a
/// browser actually draws: malformed markup, missing fonts or unsupported attributes show up as wrong pixels.
/// </summary>
public static class Chromium
{
    public const string Executable = "/usr/bin/chromium";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Screenshots <paramref name="svg"/> in a <paramref name="width"/>×<paramref name="height"/> window.</summary>
    public static DecodedPng Screenshot(string svg, int width, int height)
    {
        // Fail, not skip: a silently skipped rendering test would let a blank chart through CI.
        Assert.True(File.Exists(Executable),
            $"{Executable} is missing; the rendering tests need headless Chromium: run `apt-get install -y chromium`.");

        string dir = Directory.CreateTempSubdirectory("dendrite-plots-render").FullName;
        try
        {
            string svgPath = Path.Combine(dir, "chart.svg"), pngPath = Path.Combine(dir, "chart.png");
            File.WriteAllText(svgPath, svg);
            var psi = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                $"--user-data-dir={Path.Combine(dir, "profile")}", "--hide-scrollbars",
                $"--window-size={width},{height}", $"--screenshot={pngPath}", new Uri(svgPath).AbsoluteUri,
            })
            {
                psi.ArgumentList.Add(arg);
            }

            using var process = Process.Start(psi)!;
            // Drain both pipes asynchronously: Chromium logs a lot to stderr and would block on a full pipe.
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                Assert.Fail($"Chromium did not finish within {Timeout.TotalSeconds} s and was killed.");
            }
            process.WaitForExit(); // flushes the async readers
            Assert.True(File.Exists(pngPath),
                $"Chromium wrote no screenshot (exit code {process.ExitCode}).\nstdout: {stdout.Result}\nstderr: {Tail(stderr.Result)}");
            return PngReader.Decode(File.ReadAllBytes(pngPath));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Tail(string s) => s.Length <= 2000 ? s : s[^2000..];
}
