using System.Globalization;
using System.Text.Json;
using Dendrite.Data;
using Dendrite.Data.Tabular;
using Dendrite.Formats.Models;
using Dendrite.Nn.Configs;
using Dendrite.Training.Checkpoints;

namespace Dendrite.Training.Models;

/// <summary>
/// <see cref="ModelInfo"/> in a model file's metadata: "dendrite.task", "dendrite.class_names", "dendrite.target" and
/// "dendrite.input" (<c>{"kind":"image","height":28,"width":28,"scale":0.003921569}</c>,
/// <c>{"kind":"features","count":13}</c> or <c>{"kind":"table","id_column":"Id","delimiter":null,"preprocessor":{…}}</c>).
/// Reading also understands version 1 (an image classifier, or "dendrite.tabular"), and checks everything against
/// the architecture the file describes: the input width, and one class name per output.
/// </summary>
public static class ModelInfoJson
{
    /// <summary>The metadata entries of <paramref name="info"/>.</summary>
    public static Dictionary<string, string> Write(ModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var meta = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [CheckpointKeys.Task] = info.Task == TaskKind.Regression ? "regression" : "classification",
            [CheckpointKeys.Input] = CheckpointJson.Write(w => WriteInput(w, info.Input)),
        };
        if (info.ClassNames is not null) meta[CheckpointKeys.ClassNames] = CheckpointJson.WriteStrings(info.ClassNames);
        if (info.TargetName is not null) meta[CheckpointKeys.Target] = info.TargetName;
        return meta;
    }

    private static void WriteInput(Utf8JsonWriter w, ModelInput input)
    {
        w.WriteString("kind", input.Kind);
        switch (input)
        {
            case ImageInput image:
                w.WriteNumber("height", image.Height);
                w.WriteNumber("width", image.Width);
                w.WriteNumber("scale", image.Scale);
                break;
            case FeatureInput features:
                w.WriteNumber("count", features.Count);
                break;
            case TableInput table:
                Nullable(w, "id_column", table.IdColumn);
                Nullable(w, "delimiter", table.Delimiter?.ToString());
                w.WritePropertyName("preprocessor");
                w.WriteRawValue(table.Preprocessor.ToJson());
                break;
            default:
                throw new ArgumentException($"no JSON form for {input.GetType().Name}", nameof(input));
        }
    }

    private static void Nullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }

    /// <summary>The meaning of the model in <paramref name="file"/>, checked against its architecture.</summary>
    /// <exception cref="CheckpointFormatException">unreadable or inconsistent metadata, naming the file and the key.</exception>
    public static ModelInfo Read(ModelFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        IReadOnlyDictionary<string, string> meta = file.Metadata;
        string source = file.Source;
        LayerConfig architecture = file.Architecture
            ?? throw new CheckpointFormatException($"{source}: not a Dendrite model: the safetensors metadata has no {CheckpointKeys.Architecture}");
        int? inputs = architecture.InputWidth;
        int outputs = (int)(architecture.OutputWidth(null, source) ?? 0);
        ModelInfo info = meta.TryGetValue(CheckpointKeys.LegacyTabular, out string? tabular) ? ReadLegacyTabular(tabular, source)
            : meta.TryGetValue(CheckpointKeys.Input, out string? input) ? ReadV2(meta, input, source, outputs)
            : Default(meta, source, inputs ?? 0, outputs);
        if (inputs is { } n && info.Input.FeatureCount != n)
            throw new CheckpointFormatException($"{source}: {CheckpointKeys.Input} describes {info.Input.FeatureCount} features, but the network takes {n}");
        if (info.Task == TaskKind.Classification && info.ClassNames!.Count != outputs)
            throw new CheckpointFormatException($"{source}: {info.ClassNames.Count} class names for a model with {outputs} outputs");
        return info;
    }

    /// <summary>No "dendrite.input": a version-1 image classifier, or a model saved with <see cref="Model.Save"/> alone.</summary>
    private static ModelInfo Default(IReadOnlyDictionary<string, string> meta, string source, int inputs, int outputs)
    {
        TaskKind task = ReadTask(meta, source);
        IReadOnlyList<string>? names = task == TaskKind.Regression ? null
            : meta.TryGetValue(CheckpointKeys.ClassNames, out string? json) ? CheckpointJson.ReadStrings(json, source, CheckpointKeys.ClassNames)
            : ModelInfo.DefaultClassNames(outputs);
        // Version 1 only ever trained image classifiers on 0–255 pixels outside of tables.
        ModelInput input = meta.GetValueOrDefault(CheckpointKeys.FormatVersion) == "1" ? ImageInput.ForPixels(inputs) : new FeatureInput(inputs);
        return new ModelInfo(task, names, input, meta.GetValueOrDefault(CheckpointKeys.Target));
    }

    private static ModelInfo ReadV2(IReadOnlyDictionary<string, string> meta, string inputJson, string source, int outputs)
    {
        TaskKind task = ReadTask(meta, source);
        ModelInput input = Guard(source, CheckpointKeys.Input, () =>
        {
            using var doc = JsonDocument.Parse(inputJson);
            JsonElement e = doc.RootElement;
            return e.GetProperty("kind").GetString() switch
            {
                "image" => (ModelInput)new ImageInput(Positive(e, "height"), Positive(e, "width"), e.GetProperty("scale").GetSingle()),
                "features" => new FeatureInput(Positive(e, "count")),
                "table" => new TableInput(TabularPreprocessor.FromJson(e.GetProperty("preprocessor").GetRawText()),
                    e.GetProperty("id_column").GetString(), e.GetProperty("delimiter").GetString() is [char c] ? c : null),
                var other => throw new FormatException($"unknown input kind '{InputText.Clip(other ?? "null")}'"),
            };
        });
        IReadOnlyList<string>? names = null;
        if (task == TaskKind.Classification)
            names = meta.TryGetValue(CheckpointKeys.ClassNames, out string? json) ? CheckpointJson.ReadStrings(json, source, CheckpointKeys.ClassNames)
                : ModelInfo.DefaultClassNames(outputs);
        string? target = meta.GetValueOrDefault(CheckpointKeys.Target) ?? (input as TableInput)?.Preprocessor.Target?.Name;
        return new ModelInfo(task, names, input, target);
    }

    /// <summary>Version 1's "dendrite.tabular": {"version":1,"task",…,"id_column","delimiter","class_names","preprocessor"}.</summary>
    private static ModelInfo ReadLegacyTabular(string json, string source) => Guard(source, CheckpointKeys.LegacyTabular, () =>
    {
        using var doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        int version = root.GetProperty("version").GetInt32();
        if (version != 1) throw new FormatException($"version {version}, expected 1");
        var preprocessor = TabularPreprocessor.FromJson(root.GetProperty("preprocessor").GetRawText());
        FittedTarget target = preprocessor.Target ?? throw new FormatException("the preprocessor has no target");
        string? id = root.TryGetProperty("id_column", out JsonElement i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        char? delimiter = root.TryGetProperty("delimiter", out JsonElement d) && d.ValueKind == JsonValueKind.String && d.GetString() is [char c] ? c : null;
        var input = new TableInput(preprocessor, id, delimiter);
        return target.Task == TaskKind.Regression
            ? new ModelInfo(TaskKind.Regression, null, input, target.Name)
            : new ModelInfo(TaskKind.Classification, target.ClassNames!, input, target.Name);
    });

    private static TaskKind ReadTask(IReadOnlyDictionary<string, string> meta, string source) =>
        meta.GetValueOrDefault(CheckpointKeys.Task) switch
        {
            null or "classification" => TaskKind.Classification,
            "regression" => TaskKind.Regression,
            var other => throw new CheckpointFormatException($"{source}: {CheckpointKeys.Task} is '{InputText.Clip(other)}', expected classification or regression"),
        };

    private static int Positive(JsonElement e, string name)
    {
        int v = e.GetProperty(name).GetInt32();
        return v > 0 ? v : throw new FormatException($"'{name}' is {v.ToString(CultureInfo.InvariantCulture)}, expected > 0");
    }

    private static T Guard<T>(string source, string key, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException
            or OverflowException or DataFormatException)
        {
            throw new CheckpointFormatException($"{source}: unreadable {key}: {(e is JsonException j ? InputText.JsonError(j) : InputText.Clip(e.Message, 160))}", e);
        }
    }

}
