using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dendrite.Data;
using Dendrite.Init;
using Dendrite.Nn.Configs;
using Dendrite.Nn.Functional;
using Dendrite.Optim;
using Dendrite.Training.Objectives;
using Dendrite.Training.Policy;

namespace Dendrite.Training.Runs;

/// <summary>
/// <see cref="RunConfig"/> as JSON with a schema version, the form a run folder's config.json and every checkpoint
/// hold. Reading checks every key and value and names the source and the key of the first bad one; it also reads
/// version 1, the CLI's option names under "options", so runs started before the schema existed still resume.
/// </summary>
public static class RunConfigJson
{
    /// <summary>Top-level keys written for people and ignored by the reader.</summary>
    private static readonly string[] Informative = ["dendrite_version", "architecture", "selection_metric", "selection_note", "run_folder", "command"];

    /// <summary>
    /// Indented JSON of <paramref name="config"/>, with <paramref name="notes"/> (informative string or raw-JSON values
    /// such as the Dendrite version and the resolved architecture) written first.
    /// </summary>
    public static string Write(RunConfig config, IReadOnlyList<KeyValuePair<string, string>>? notes = null, LayerConfig? architecture = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            // Plain '+' in versions and non-ASCII in paths; the text is a file, not HTML.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            w.WriteStartObject();
            w.WriteNumber("schema_version", RunConfig.SchemaVersion);
            foreach (var (key, value) in notes ?? []) w.WriteString(key, value);
            WriteData(w, config.Data);
            MlpSpec m = config.Model;
            w.WriteStartObject("model");
            w.WriteStartArray("hidden");
            foreach (int h in m.Hidden) w.WriteNumberValue(h);
            w.WriteEndArray();
            w.WriteString("activation", m.Activation);
            w.WriteString("init", m.InitScheme.ToString());
            w.WriteNumber("dropout", m.Dropout);
            w.WriteBoolean("batchnorm", m.BatchNorm);
            w.WriteEndObject();
            ObjectiveSpec o = config.Objective;
            w.WriteStartObject("objective");
            w.WriteString("class_weight", o.ClassWeight.ToString().ToLowerInvariant());
            w.WriteNumber("label_smoothing", o.LabelSmoothing);
            w.WriteString("loss", o.Loss.ToString().ToLowerInvariant());
            w.WriteNumber("huber_delta", o.HuberDelta);
            w.WriteEndObject();
            WriteOptimizer(w, config.Optimizer);
            TrainingPolicy p = config.Policy;
            w.WriteStartObject("policy");
            w.WriteString("lr_schedule", p.Schedule?.Format() ?? "none");
            w.WriteNumber("warmup_epochs", p.WarmupEpochs);
            Nullable(w, "clip_grad", p.Clip?.Format());
            w.WriteNumber("val_split", p.ValidationFraction);
            Nullable(w, "early_stopping", p.EarlyStopping?.Format());
            w.WriteEndObject();
            TrainerOptions t = config.Training;
            w.WriteStartObject("training");
            w.WriteNumber("epochs", t.Epochs);
            w.WriteNumber("batch_size", t.BatchSize);
            w.WriteNumber("eval_batch_size", t.EvalBatchSize);
            w.WriteString("engine", t.Engine.ToString().ToLowerInvariant());
            w.WriteEndObject();
            w.WriteNumber("seed", config.Seed);
            if (architecture is not null)
            {
                w.WritePropertyName("architecture");
                LayerConfigJson.Write(w, architecture);
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteData(Utf8JsonWriter w, DataSource data)
    {
        w.WriteStartObject("data");
        w.WriteString("kind", data.Kind);
        switch (data)
        {
            case FashionMnistSource f:
                Nullable(w, "folder", f.Folder);
                break;
            case CsvSource c:
                w.WriteString("path", c.Path);
                w.WriteString("target", c.Target);
                Nullable(w, "id_column", c.IdColumn);
                Nullable(w, "delimiter", c.Delimiter?.ToString());
                Nullable(w, "task", c.Task?.ToString().ToLowerInvariant());
                w.WriteNumber("test_split", c.TestSplit);
                Nullable(w, "test_path", c.TestPath);
                w.WriteNumber("split_seed", c.SplitSeed);
                w.WriteBoolean("log_target", c.LogTarget);
                // Written only when set, so the configs of in-memory runs read as they always did.
                if (c.Stream) w.WriteBoolean("stream", true);
                break;
            default:
                throw new ArgumentException($"no JSON form for {data.GetType().Name}", nameof(data));
        }
        w.WriteEndObject();
    }

    private static void WriteOptimizer(Utf8JsonWriter w, OptimizerSettings o)
    {
        w.WriteStartObject("optimizer");
        w.WriteString("name", OptimizerFactory.NameOf(o.Kind));
        Number(w, "lr", o.LearningRate);
        Number(w, "weight_decay", o.WeightDecay);
        Number(w, "momentum", o.Momentum);
        Number(w, "beta1", o.Beta1);
        Number(w, "beta2", o.Beta2);
        Number(w, "eps", o.Epsilon);
        w.WriteBoolean("nesterov", o.Nesterov);
        w.WriteBoolean("amsgrad", o.AmsGrad);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, float? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static void Nullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }

    /// <summary>
    /// Reads a config written by <see cref="Write"/> (schema 2) or by version 1 (the CLI's options). Every error names
    /// <paramref name="source"/> and the key, e.g. "runs/a/last.safetensors: config key 'optimizer.lr': …".
    /// </summary>
    /// <exception cref="DendriteException">malformed JSON, an unknown schema, or a key with a bad value.</exception>
    public static RunConfig Read(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new DendriteException($"{source}: the run config is not valid JSON: {InputText.JsonError(e)}", e);
        }
        using (doc)
        {
            var r = new ConfigReader(source);
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw r.Error("", "expected a JSON object");
            if (!root.TryGetProperty("schema_version", out JsonElement v)) return RunConfigV1.Read(root, r);
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int version) || version != RunConfig.SchemaVersion)
                throw r.Error("schema_version", $"is {v.GetRawText()}; this build reads schemas 1 and {RunConfig.SchemaVersion}");
            RunConfig config = ReadV2(root, r);
            try
            {
                config.Validate();
            }
            catch (DendriteException e)
            {
                throw new DendriteException($"{source}: the run config is invalid: {e.Message}", e);
            }
            return config;
        }
    }

    private static RunConfig ReadV2(JsonElement root, ConfigReader r)
    {
        r.Keys(root, "", ["schema_version", "data", "model", "objective", "optimizer", "policy", "training", "seed", .. Informative]);
        JsonElement data = r.Object(root, "data");
        DataSource source = r.String(data, "data.kind") switch
        {
            "fashion-mnist" => ReadFashionMnist(data, r),
            "csv" => ReadCsv(data, r),
            var other => throw r.Error("data.kind", $"is '{other}', expected fashion-mnist or csv"),
        };
        JsonElement m = r.Object(root, "model");
        r.Keys(m, "model", ["hidden", "activation", "init", "dropout", "batchnorm"]);
        var model = new MlpSpec(0, r.IntArray(m, "model.hidden"), 0, r.String(m, "model.activation"),
            r.Parse(m, "model.init", LinearInit.Parse), r.Float(m, "model.dropout"), r.Bool(m, "model.batchnorm"));
        JsonElement o = r.Object(root, "objective");
        r.Keys(o, "objective", ["class_weight", "label_smoothing", "loss", "huber_delta"]);
        var objective = new ObjectiveSpec(r.Enum<ClassWeighting>(o, "objective.class_weight"), r.Float(o, "objective.label_smoothing"),
            r.Enum<RegressionLoss>(o, "objective.loss"), r.Float(o, "objective.huber_delta"));
        JsonElement opt = r.Object(root, "optimizer");
        r.Keys(opt, "optimizer", ["name", "lr", "weight_decay", "momentum", "beta1", "beta2", "eps", "nesterov", "amsgrad"]);
        string name = r.String(opt, "optimizer.name");
        if (!OptimizerFactory.TryParseKind(name, out OptimizerKind kind))
            throw r.Error("optimizer.name", $"is '{InputText.Clip(name)}', expected one of {string.Join(", ", OptimizerFactory.KindNames)}");
        var optimizer = new OptimizerSettings(kind, r.OptionalFloat(opt, "optimizer.lr"), r.OptionalFloat(opt, "optimizer.weight_decay"),
            r.OptionalFloat(opt, "optimizer.momentum"), r.OptionalFloat(opt, "optimizer.beta1"), r.OptionalFloat(opt, "optimizer.beta2"),
            r.OptionalFloat(opt, "optimizer.eps"), r.Bool(opt, "optimizer.nesterov"), r.Bool(opt, "optimizer.amsgrad"));
        JsonElement p = r.Object(root, "policy");
        r.Keys(p, "policy", ["lr_schedule", "warmup_epochs", "clip_grad", "val_split", "early_stopping"]);
        var policy = new TrainingPolicy(r.Parse(p, "policy.lr_schedule", LrScheduleSpec.Parse), r.Int(p, "policy.warmup_epochs"),
            r.OptionalString(p, "policy.clip_grad") is { } clip ? r.Parse("policy.clip_grad", clip, GradientClip.Parse) : null,
            r.Double(p, "policy.val_split"),
            r.OptionalString(p, "policy.early_stopping") is { } es ? r.Parse("policy.early_stopping", es, EarlyStoppingSpec.Parse) : null);
        JsonElement t = r.Object(root, "training");
        r.Keys(t, "training", ["epochs", "batch_size", "eval_batch_size", "engine"]);
        var training = new TrainerOptions(r.Int(t, "training.epochs"), r.Int(t, "training.batch_size"), r.Int(t, "training.eval_batch_size"),
            r.Enum<TrainingEngine>(t, "training.engine"));
        return new RunConfig
        {
            Data = source, Model = model, Objective = objective, Optimizer = optimizer, Policy = policy, Training = training,
            Seed = r.ULong(root, "seed"),
        };
    }

    private static FashionMnistSource ReadFashionMnist(JsonElement data, ConfigReader r)
    {
        r.Keys(data, "data", ["kind", "folder"]);
        return new FashionMnistSource(r.OptionalString(data, "data.folder"));
    }

    private static CsvSource ReadCsv(JsonElement data, ConfigReader r)
    {
        r.Keys(data, "data", ["kind", "path", "target", "id_column", "delimiter", "task", "test_split", "test_path", "split_seed", "log_target", "stream"]);
        string? delimiter = r.OptionalString(data, "data.delimiter");
        if (delimiter is { Length: not 1 }) throw r.Error("data.delimiter", "must be one character");
        string? task = r.OptionalString(data, "data.task");
        return new CsvSource(r.String(data, "data.path"), r.String(data, "data.target"))
        {
            IdColumn = r.OptionalString(data, "data.id_column"),
            Delimiter = delimiter?[0],
            Task = task switch
            {
                null => null,
                "classification" => TaskKind.Classification,
                "regression" => TaskKind.Regression,
                _ => throw r.Error("data.task", $"is '{InputText.Clip(task)}', expected classification or regression"),
            },
            TestSplit = r.Double(data, "data.test_split"),
            TestPath = r.OptionalString(data, "data.test_path"),
            SplitSeed = r.ULong(data, "data.split_seed"),
            LogTarget = r.Bool(data, "data.log_target"),
            Stream = data.TryGetProperty("stream", out _) && r.Bool(data, "data.stream"),
        };
    }
}
