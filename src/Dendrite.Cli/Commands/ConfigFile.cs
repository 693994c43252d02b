using System.Text.Json;
using Dendrite.Cli.Options;

namespace Dendrite.Cli.Commands;

/// <summary>
/// <c>--config FILE</c>: a JSON object whose keys are option names without dashes. It is turned into option tokens
/// placed before the command line's own, skipping options the command line gives, so the file's values go through
/// the same parser and validation as flags and a flag always wins. Values: strings and numbers as written, arrays
/// of them joined with commas ("hidden": [1024, 512]), true/false for flags.
/// </summary>
internal static class ConfigFile
{
    /// <summary>Config files above this size are refused: a file of options is a few hundred bytes.</summary>
    public const long MaxBytes = 1 << 20;

    /// <summary>
    /// The command line with the config file's options (if --config is given) merged in front, and where each merged
    /// option came from (for messages that name the file and the key rather than a flag the user never typed).
    /// </summary>
    public static (string[] Args, Dictionary<string, string> Origins) Expand(string[] args, OptionParser parser)
    {
        ArgumentNullException.ThrowIfNull(args);
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        string? path = FindConfig(args, parser);
        if (path is null) return (args, origins);
        if (Directory.Exists(path)) throw new UsageException($"--config file '{path}' is a folder", parser.HelpCommand);
        if (!File.Exists(path)) throw new UsageException($"--config file '{path}' does not exist", parser.HelpCommand);
        JsonElement root;
        try
        {
            if (new FileInfo(path).Length > MaxBytes) throw new UsageException($"--config file '{path}' is larger than {MaxBytes / 1024} KB; it should hold a JSON object of options", parser.HelpCommand);
            using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            root = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new UsageException($"--config file '{path}' is not valid JSON: {InputText.JsonError(e)}", parser.HelpCommand);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--config file '{path}' cannot be read: {e.Message}", parser.HelpCommand);
        }
        if (root.ValueKind != JsonValueKind.Object)
            throw new UsageException($"--config file '{path}' must hold a JSON object of options", parser.HelpCommand);
        var given = new HashSet<string>(args.Where(a => a.StartsWith("--", StringComparison.Ordinal))
            .Select(a => a[2..].Split('=')[0]), StringComparer.Ordinal);
        var tokens = new List<string>();
        foreach (var property in root.EnumerateObject())
        {
            string key = property.Name;
            string where = $"--config file '{path}': key '{key}'";
            var spec = parser.Specs.FirstOrDefault(s => s.Name == key);
            if (spec is null || key == "config") throw new UsageException($"{where} is not an option of {parser.HelpCommand.Replace(" --help", "", StringComparison.Ordinal)}", parser.HelpCommand);
            if (given.Contains(key)) continue; // the command line overrides the file
            if (spec.ValueName is null)
            {
                if (property.Value.ValueKind == JsonValueKind.True) tokens.Add("--" + key);
                else if (property.Value.ValueKind != JsonValueKind.False)
                    throw new UsageException($"{where} is a flag and must be true or false", parser.HelpCommand);
                continue;
            }
            string value = Scalar(property.Value, where, parser)
                ?? (property.Value.ValueKind == JsonValueKind.Array
                    ? string.Join(',', property.Value.EnumerateArray().Select(e => Scalar(e, where, parser)
                        ?? throw new UsageException($"{where} must be a list of numbers or strings", parser.HelpCommand)))
                    : throw new UsageException($"{where} must be a number, a string or a list ({spec.ValueName})", parser.HelpCommand));
            tokens.Add($"--{key}={value}");
            origins[key] = where;
        }
        return ([.. tokens, .. args], origins);
    }

    private static string? Scalar(JsonElement e, string where, OptionParser parser) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => throw new UsageException($"{where} takes a value, not true/false", parser.HelpCommand),
        _ => null,
    };

    private static string? FindConfig(string[] args, OptionParser parser)
    {
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--config=", StringComparison.Ordinal)) return args[i]["--config=".Length..];
            if (args[i] == "--config")
                return i + 1 < args.Length ? args[i + 1] : throw new UsageException("option --config needs a value (FILE)", parser.HelpCommand);
        }
        return null;
    }
}
