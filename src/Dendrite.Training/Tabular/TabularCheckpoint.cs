using System.Globalization;
using System.Text.Json;
using Dendrite.Data;
using Dendrite.Data.Tabular;
using Dendrite.Formats.Safetensors;
using Dendrite.Nn;
using Dendrite.Random;
using Dendrite.Tensors;
using Dendrite.Training.Checkpoints;

namespace Dendrite.Training.Tabular;

/// <summary>
/// A trained tabular model as one safetensors file: the MLP's parameters under their
/// <see cref="Module.NamedParameters"/> names, and in "__metadata__" the usual <see cref="CheckpointKeys"/>
/// (architecture with classes = outputs: 1 for regression, one per class otherwise) plus <see cref="MetadataKey"/>,
/// one JSON object {"version":1,"task":…,"target":…,"id_column":…,"delimiter":…,"class_names":[…],"preprocessor":{…}}
/// holding the fitted preprocessing, so prediction applies exactly the transform the model was trained with.
/// </summary>
/// <param name="Spec">The architecture (Inputs = <see cref="TabularPreprocessor.FeatureCount"/>).</param>
/// <param name="Parameters">Parameter name → values (copies).</param>
/// <param name="Preprocessor">The fitted preprocessing, with its target.</param>
/// <param name="IdColumn">The training file's id column, passed through by prediction; null when there was none.</param>
/// <param name="Delimiter">The delimiter the training file was read with when it was given explicitly; null when detected.</param>
/// <param name="Epochs">Completed epochs.</param>
public sealed record TabularCheckpoint(
    MlpSpec Spec,
    IReadOnlyDictionary<string, Tensor> Parameters,
    TabularPreprocessor Preprocessor,
    string? IdColumn,
    char? Delimiter,
    int Epochs)
{
    /// <summary>The metadata key whose presence marks a tabular model.</summary>
    public const string MetadataKey = "dendrite.tabular";

    private const int Version = 1;

    public FittedTarget Target => Preprocessor.Target!;

    public TaskKind Task => Target.Task;

    /// <summary>Class names (classification), index = output; null for regression.</summary>
    public IReadOnlyList<string>? ClassNames => Target.ClassNames;

    /// <summary>Snapshots a training outcome (parameter values are copied).</summary>
    public static TabularCheckpoint Capture(TabularTrainingOutcome outcome, TabularSettings settings, string? idColumn, char? delimiter)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(settings);
        FittedTarget target = outcome.Preprocessor.Target ?? throw new ArgumentException("the preprocessor has no target", nameof(outcome));
        int outputs = target.Task == TaskKind.Regression ? 1 : target.ClassNames!.Length;
        var spec = new MlpSpec(outcome.Preprocessor.FeatureCount, settings.Hidden.ToArray(), outputs, settings.Activation, settings.Init);
        var parameters = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (NamedParameter p in outcome.Model.NamedParameters()) parameters.Add(p.Name, p.Parameter.Detach().Clone());
        return new TabularCheckpoint(spec, parameters, outcome.Preprocessor, idColumn, delimiter, outcome.Epochs.Count);
    }

    /// <summary>The complete file; the same checkpoint always gives the same bytes.</summary>
    public byte[] ToBytes()
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [CheckpointKeys.FormatVersion] = Checkpoint.CurrentFormatVersion,
            [CheckpointKeys.Architecture] = MlpSpecJson.Write(Spec),
            // Image tools read class names from here; a regression model's single output is named after its target.
            [CheckpointKeys.ClassNames] = CheckpointJson.WriteStrings(ClassNames ?? [Target.Name]),
            [CheckpointKeys.Epoch] = Epochs.ToString(CultureInfo.InvariantCulture),
            [MetadataKey] = WriteTabularJson(),
        };
        return SafetensorsWriter.ToBytes(Parameters, metadata);
    }

    /// <summary>Writes atomically (temporary file, flush, rename).</summary>
    public void Save(string path) => Checkpoint.WriteBytes(path, ToBytes());

    /// <summary>True when <paramref name="path"/> is a safetensors file carrying <see cref="MetadataKey"/> (only the header is read).</summary>
    public static bool IsTabular(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) return false;
        try
        {
            return SafetensorsReader.ReadHeader(path).Metadata.ContainsKey(MetadataKey);
        }
        catch (DendriteException)
        {
            return false; // not safetensors: the caller's own loader reports that
        }
    }

    /// <summary>Reads and validates a tabular model file; every problem is a <see cref="DendriteException"/> naming the path.</summary>
    public static TabularCheckpoint Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new CheckpointFormatException($"{path}: model file not found");
        return FromFile(SafetensorsReader.Read(path), path);
    }

    /// <summary>Reads from in-memory file bytes; <paramref name="source"/> labels errors.</summary>
    public static TabularCheckpoint Read(byte[] bytes, string source = "<bytes>") => FromFile(SafetensorsReader.Read(bytes, source), source);

    /// <summary>Builds the MLP and loads the parameters into it.</summary>
    public Sequential BuildModel()
    {
        var model = ModelFactory.BuildMlp(Spec, new Rng(0)); // the init draw is overwritten
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (NamedParameter p in model.NamedParameters())
        {
            names.Add(p.Name);
            if (!Parameters.TryGetValue(p.Name, out Tensor? t))
                throw new CheckpointFormatException($"parameter '{p.Name}' {p.Parameter.ShapeString} of a {Spec.Describe()} model is missing");
            if (!t.Shape.SequenceEqual(p.Parameter.Shape))
                throw new CheckpointFormatException($"parameter '{p.Name}' has shape {t.ShapeString}, a {Spec.Describe()} model needs {p.Parameter.ShapeString}");
            t.Data.AsSpan().CopyTo(p.Parameter.Data);
        }
        string? extra = Parameters.Keys.FirstOrDefault(k => !names.Contains(k));
        if (extra is not null) throw new CheckpointFormatException($"tensor '{extra}' is not a parameter of a {Spec.Describe()} model");
        return model;
    }

    /// <summary>
    /// Loads a CSV to predict on, read exactly as the training file was: the fitted column kinds, the training
    /// delimiter when one was given, the id column when the file has it. The target column may be absent (when
    /// present it is ignored, as are columns the model does not use).
    /// </summary>
    /// <exception cref="CsvFormatException">A feature column of the model is missing from the file (named in the message).</exception>
    public TabularFrame LoadCsv(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var baseOptions = new TabularCsvOptions { Delimiter = Delimiter };
        IReadOnlyList<string> header = TabularCsv.ReadHeader(path, baseOptions);
        var present = new HashSet<string>(header, StringComparer.Ordinal);
        foreach (FittedColumn column in Preprocessor.Columns)
            if (!present.Contains(column.Name))
                throw new CsvFormatException(path, 0, column.Name,
                    $"the model needs this feature column but the file has none; columns here: {string.Join(", ", header.Select(h => $"'{h}'"))}");

        TabularCsvOptions fitted = Preprocessor.ConfigureLoading(baseOptions);
        // Declare only what the file has: every column the model does not use is ignored, so an odd extra column
        // (or the target, or dropped constant columns) can neither fail loading nor change the features.
        var kinds = new Dictionary<string, ColumnKind>(StringComparer.Ordinal);
        foreach (string name in header)
            kinds[name] = fitted.ColumnKinds!.TryGetValue(name, out ColumnKind kind) ? kind : ColumnKind.Ignore;
        string? id = IdColumn is not null && present.Contains(IdColumn) ? IdColumn : null;
        if (id is not null) kinds.Remove(id);
        return TabularCsv.Load(path, fitted with { ColumnKinds = kinds, IdColumn = id, TargetColumn = null });
    }

    private string WriteTabularJson() => CheckpointJson.Write(w =>
    {
        w.WriteNumber("version", Version);
        w.WriteString("task", Task == TaskKind.Regression ? "regression" : "classification");
        w.WriteString("target", Target.Name);
        if (IdColumn is null) w.WriteNull("id_column");
        else w.WriteString("id_column", IdColumn);
        if (Delimiter is null) w.WriteNull("delimiter");
        else w.WriteString("delimiter", Delimiter.Value.ToString());
        if (ClassNames is null) w.WriteNull("class_names");
        else
        {
            w.WriteStartArray("class_names");
            foreach (string name in ClassNames) w.WriteStringValue(name);
            w.WriteEndArray();
        }
        w.WritePropertyName("preprocessor");
        w.WriteRawValue(Preprocessor.ToJson());
    });

    private static TabularCheckpoint FromFile(SafetensorsFile file, string source)
    {
        var meta = file.Metadata;
        if (!meta.TryGetValue(MetadataKey, out string? json))
            throw new CheckpointFormatException($"{source}: not a tabular Dendrite model: the safetensors metadata has no {MetadataKey}");
        if (!meta.TryGetValue(CheckpointKeys.FormatVersion, out string? v) || v != Checkpoint.CurrentFormatVersion)
            throw new CheckpointFormatException($"{source}: unsupported Dendrite checkpoint version '{v ?? "(none)"}', expected {Checkpoint.CurrentFormatVersion}");
        if (!meta.TryGetValue(CheckpointKeys.Architecture, out string? arch))
            throw new CheckpointFormatException($"{source}: the safetensors metadata has no {CheckpointKeys.Architecture}");
        MlpSpec spec = MlpSpecJson.Read(arch, source);
        int epochs = meta.TryGetValue(CheckpointKeys.Epoch, out string? e) && int.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : 0;

        TabularPreprocessor preprocessor;
        string? idColumn;
        char? delimiter;
        try
        {
            using var doc = JsonDocument.Parse(json);
            JsonElement root = doc.RootElement;
            int version = root.GetProperty("version").GetInt32();
            if (version != Version) throw new CheckpointFormatException($"{source}: {MetadataKey} version {version}, expected {Version}");
            preprocessor = TabularPreprocessor.FromJson(root.GetProperty("preprocessor").GetRawText());
            idColumn = root.TryGetProperty("id_column", out JsonElement id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            delimiter = root.TryGetProperty("delimiter", out JsonElement d) && d.ValueKind == JsonValueKind.String && d.GetString() is [char c] ? c : null;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or DataFormatException)
        {
            throw new CheckpointFormatException($"{source}: unreadable {MetadataKey}: {OneLine(ex.Message)}", ex);
        }
        FittedTarget target = preprocessor.Target
            ?? throw new CheckpointFormatException($"{source}: {MetadataKey} holds a preprocessor without a target");
        int outputs = target.Task == TaskKind.Regression ? 1 : target.ClassNames!.Length;
        if (spec.Inputs != preprocessor.FeatureCount || spec.Classes != outputs)
            throw new CheckpointFormatException(
                $"{source}: the architecture {spec.Describe()} does not fit the preprocessing ({preprocessor.FeatureCount} features, {outputs} outputs)");

        var parameters = new Dictionary<string, Tensor>(file.Tensors, StringComparer.Ordinal);
        var checkpoint = new TabularCheckpoint(spec, parameters, preprocessor, idColumn, delimiter, epochs);
        try
        {
            checkpoint.BuildModel(); // fail now, naming the file, rather than at first use
        }
        catch (CheckpointFormatException ex)
        {
            throw new CheckpointFormatException($"{source}: {ex.Message}", ex);
        }
        return checkpoint;
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ");
}
