namespace Dendrite.Cli.Commands;

/// <summary>How a command reports progress: a human table, or one JSON object per line on stdout.</summary>
internal enum LogFormat
{
    Text,
    Json,
}
