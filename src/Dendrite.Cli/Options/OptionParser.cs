using System.Text;

namespace Dendrite.Cli.Options;

/// <summary>
/// A deliberately small GNU-style parser: <c>--name value</c>, <c>--name=value</c>, flags, <c>--help</c>/<c>-h</c>.
/// Every mistake (unknown option, missing value, repeated option, stray argument) is a
/// <see cref="UsageException"/> with a one-line message. Values stay strings; commands convert them with
/// <see cref="ValueParsers"/> so each conversion error can name its option.
/// </summary>
internal sealed class OptionParser
{
    private readonly string _command;
    private readonly IReadOnlyList<OptionSpec> _specs;
    private readonly IReadOnlyList<string> _positionals;

    /// <param name="command">The command name, for messages and help.</param>
    /// <param name="specs">The accepted options.</param>
    /// <param name="positionals">Names of the positional arguments the command takes (e.g. MODEL, INPUT); all optional here,
    /// the command checks which it needs.</param>
    public OptionParser(string command, IReadOnlyList<OptionSpec> specs, IReadOnlyList<string>? positionals = null)
    {
        _command = command;
        _specs = specs;
        _positionals = positionals ?? [];
    }

    public string HelpCommand => $"dendrite {_command} --help";

    /// <summary>The accepted options (for --config files, which use the same names).</summary>
    public IReadOnlyList<OptionSpec> Specs => _specs;

    /// <summary>Parses <paramref name="args"/>; <paramref name="origins"/> names where options merged in from a config file came from.</summary>
    public ParsedOptions Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? origins = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var positionals = new List<string>();
        // --help wins over everything else, so "dendrite train --foo --help" still shows help.
        if (args.Any(a => a is "--help" or "-h")) return new ParsedOptions(values, true, HelpCommand);
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                if (arg.StartsWith('-') && !IsNumber(arg)) throw Usage($"unknown option {arg}");
                if (positionals.Count < _positionals.Count)
                {
                    positionals.Add(arg);
                    continue;
                }
                throw Usage($"unexpected argument '{arg}'");
            }
            int eq = arg.IndexOf('=', StringComparison.Ordinal);
            string name = eq < 0 ? arg[2..] : arg[2..eq];
            OptionSpec spec = _specs.FirstOrDefault(s => s.Name == name) ?? throw Usage($"unknown option --{name}");
            if (values.ContainsKey(name)) throw Usage($"option --{name} given more than once");
            if (spec.ValueName is null)
            {
                if (eq >= 0) throw Usage($"option --{name} takes no value");
                values[name] = null;
                continue;
            }
            if (eq >= 0) values[name] = arg[(eq + 1)..];
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) values[name] = args[++i];
            else throw Usage($"option --{name} needs a value ({spec.ValueName})");
        }
        return new ParsedOptions(values, false, HelpCommand) { Positionals = positionals, Origins = origins ?? new Dictionary<string, string>() };
    }

    /// <summary>The --help text: usage line, description and an aligned option table.</summary>
    public string Help(string description)
    {
        var sb = new StringBuilder();
        sb.Append("usage: dendrite ").Append(_command);
        foreach (string p in _positionals) sb.Append(' ').Append(p);
        sb.Append(" [options]\n\n").Append(description).Append("\n\noptions:\n");
        var left = _specs.Select(s => s.ValueName is null ? "--" + s.Name : $"--{s.Name} {s.ValueName}").ToList();
        left.Add("-h, --help");
        int width = left.Max(l => l.Length) + 2;
        for (int i = 0; i < _specs.Count; i++) sb.Append("  ").Append(left[i].PadRight(width)).Append(_specs[i].Help).Append('\n');
        sb.Append("  ").Append(left[^1].PadRight(width)).Append("show this help\n");
        return sb.ToString();
    }

    private UsageException Usage(string message) => new(message, HelpCommand);

    private static bool IsNumber(string s) => double.TryParse(s, System.Globalization.NumberStyles.Float,
        System.Globalization.CultureInfo.InvariantCulture, out _);
}
