using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Dendrite.Cli.Output;

/// <summary>
/// The JSON line format of <c>--log-format json</c>: one object per line, keys in a fixed order (the epoch and done
/// events are in <see cref="RunView"/>). A non-finite value (a diverged loss) is written as null, since JSON has no NaN.
/// </summary>
internal static class JsonEvents
{
    /// <summary>One JSON object on one line; shared by every command's JSON events.</summary>
    internal static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
