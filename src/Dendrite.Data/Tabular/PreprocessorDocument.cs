using System.Text.Json.Serialization;

namespace Dendrite.Data.Tabular;

/// <summary>The JSON form of a fitted <see cref="TabularPreprocessor"/> (stored in a checkpoint's metadata).</summary>
internal sealed class PreprocessorDocument
{
    public const int CurrentVersion = 1;

    public int Version { get; set; }

    public FittedColumn[]? Columns { get; set; }

    public FittedTarget? Target { get; set; }

    public string[]? Dropped { get; set; }
}

/// <summary>
/// Source-generated serializer: no reflection at run time. Doubles are written in their shortest round-trip form,
/// so a fitted mean or std read back is the same bits and the transform reproduces exactly.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(PreprocessorDocument))]
internal sealed partial class PreprocessorJsonContext : JsonSerializerContext;
