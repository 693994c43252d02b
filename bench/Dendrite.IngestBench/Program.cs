using System.Diagnostics;
using System.Globalization;
using Dendrite.Data.Tabular;

// Usage: Dendrite.IngestBench FILE.csv TARGET [--chunks]
// Loads FILE (TabularCsv.Load, or TabularCsvChunks with --chunks), fits the preprocessing on every row and
// transforms every row into the float matrix a model trains on; prints seconds and peak RSS (VmHWM) as JSON.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Dendrite.IngestBench FILE.csv TARGET [--chunks]");
    return 2;
}
string path = args[0];
var options = new TabularCsvOptions { TargetColumn = args[1], SkipRowsWithMissingTarget = true };
bool chunked = args.Contains("--chunks");
long start = Stopwatch.GetTimestamp();
TabularDataset data;
if (chunked)
{
    TabularCsvChunks chunks = TabularCsvChunks.Open(path, options);
    TabularPreprocessor pre = chunks.Fit(_ => true).Preprocessor;
    data = chunks.Transform(pre, _ => 0, 1)[0]!;
}
else
{
    TabularFrame frame = TabularCsv.Load(path, options);
    data = TabularPreprocessor.Fit(frame).Transform(frame);
}
double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{{\"tool\":\"dendrite{(chunked ? "-chunks" : "")}\",\"seconds\":{seconds:F3},\"peak_rss_mb\":{PeakRssMb():F1},\"rows\":{data.Count},\"features\":{data.FeatureCount},\"matrix_mb\":{data.Features.Length * 4.0 / (1 << 20):F1}}}"));
return 0;

static double PeakRssMb()
{
    foreach (string line in File.ReadLines("/proc/self/status"))
        if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            return double.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
    return double.NaN;
}
