using System.Text.Json.Nodes;
using Dendrite.Data;
using Dendrite.Init;
using Dendrite.Nn.Configs;
using Dendrite.Nn.Functional;
using Dendrite.Optim;
using Dendrite.TestKit;
using Dendrite.Training.Objectives;
using Dendrite.Training.Policy;
using Dendrite.Training.Runs;

namespace Dendrite.Training.Tests.Runs;

/// <summary>The run config as JSON: what config.json and every checkpoint hold, and what --resume reads back.</summary>
public class RunConfigJsonTests
{
    /// <summary>An image run with every setting away from its default.</summary>
    private static readonly RunConfig Image = new()
    {
        Data = new FashionMnistSource("data/fashion mnist/ü"),
        Model = new MlpSpec(0, [32, 16], 0, "leaky_relu", LinearInit.Kaiming(uniform: true), 0.2f, BatchNorm: true),
        Objective = new ObjectiveSpec(ClassWeighting.Balanced, 0.1f),
        Optimizer = new OptimizerSettings(OptimizerKind.AdamW, 0.003f, 0.02f, Beta1: 0.8f, Beta2: 0.95f, Epsilon: 1e-7f, AmsGrad: true),
        // Gamma and min delta as the parsers make them, from floats: the JSON stores them as floats, so a double such as
        // 0.7 would read back as 0.699999988 (and LrScheduleSpec's Format-based Equals would hide the difference).
        Policy = new TrainingPolicy(new LrScheduleSpec(LrScheduleKind.Step, StepSize: 3, Gamma: 0.7f), 2, new GradientClip(GradientClipKind.Norm, 1.5f),
            0.15, new EarlyStoppingSpec(4, 0.001f)),
        Training = new TrainerOptions(Epochs: 7, BatchSize: 32, EvalBatchSize: 500, Engine: TrainingEngine.Autograd),
        Seed = ulong.MaxValue, // all 64 bits must survive (JSON readers that go through double lose them)
    };

    /// <summary>A CSV regression run with the other options.</summary>
    private static readonly RunConfig Table = new()
    {
        Data = new CsvSource("tables/houses.csv", "price")
        {
            IdColumn = "Id", Delimiter = ';', Task = TaskKind.Regression, TestSplit = 0.3, SplitSeed = 12345678901234567890UL, LogTarget = true,
        },
        Model = new MlpSpec(0, [], 0, "tanh", LinearInit.Normal(0.05f)),
        Objective = new ObjectiveSpec(Loss: RegressionLoss.Huber, HuberDelta: 0.5f),
        Optimizer = new OptimizerSettings(OptimizerKind.Sgd, 0.05f, 0.001f, 0.9f, Nesterov: true),
        Policy = new TrainingPolicy(new LrScheduleSpec(LrScheduleKind.MultiStep, Milestones: [5, 10], Gamma: 0.5), Clip: new GradientClip(GradientClipKind.Value, 0.1f)),
        Training = new TrainerOptions(Epochs: 100, BatchSize: 64),
        Seed = 42,
    };

    public static TheoryData<string> Configs() => ["image", "table", "d2l", "table-default", "plateau", "onecycle", "test-file"];

    private static RunConfig Named(string name) => name switch
    {
        "image" => Image,
        "table" => Table,
        "d2l" => RunConfig.D2lDefault,
        "table-default" => RunConfig.DefaultFor(new CsvSource("a.csv", "y")),
        "plateau" => Image with { Policy = new TrainingPolicy(new LrScheduleSpec(LrScheduleKind.Plateau, Patience: 2, Factor: 0.3f)) },
        "onecycle" => Image with { Policy = new TrainingPolicy(new LrScheduleSpec(LrScheduleKind.OneCycle), ValidationFraction: 0.1) },
        "test-file" => Table with { Data = new CsvSource("train.csv", "y") { TestPath = "test.csv", Task = TaskKind.Classification }, Objective = new ObjectiveSpec() },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Configs))]
    public void WriteThenRead_GivesTheSameConfig(string name)
    {
        RunConfig config = Named(name);
        string json = RunConfigJson.Write(config);
        RunConfigAssert.Same(config, RunConfigJson.Read(json, "config.json"));
        Assert.Contains("\"schema_version\": 2", json, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultFor_PicksTheD2lRunForImages_AndTheTableDefaultsForCsv()
    {
        RunConfigAssert.Same(RunConfig.D2lDefault with { Data = new FashionMnistSource("x") }, RunConfig.DefaultFor(new FashionMnistSource("x")));
        var csv = new CsvSource("a.csv", "y");
        RunConfig table = RunConfig.DefaultFor(csv);
        Assert.Same(csv, table.Data);
        Assert.Equal([64], table.Model.Hidden);
        Assert.Equal((100, 64, 0.05f), (table.Training.Epochs, table.Training.BatchSize, table.Optimizer.LearningRate));
        Assert.Equal([256], RunConfig.D2lDefault.Model.Hidden);
        Assert.Equal((0, 0), (RunConfig.D2lDefault.Model.Inputs, RunConfig.D2lDefault.Model.Outputs)); // from the data
    }

    [Fact]
    public void Notes_AndTheArchitecture_AreWrittenForPeople_AndIgnoredByTheReader()
    {
        string json = RunConfigJson.Write(Image, [new("dendrite_version", "9.9.9+abc"), new("selection_metric", "val_acc")],
            new MlpSpec(784, [32, 16], 10).ToConfig());
        var node = JsonNode.Parse(json)!;
        Assert.Equal("9.9.9+abc", (string?)node["dendrite_version"]);
        Assert.Equal("sequential", (string?)node["architecture"]!["type"]);
        Assert.Equal("data/fashion mnist/ü", (string?)node["data"]!["folder"]); // written as text, not \u escapes
        Assert.Contains("ü", json, StringComparison.Ordinal);
        RunConfigAssert.Same(Image, RunConfigJson.Read(json, "config.json"));
    }

    [Fact]
    public void VersionOneConfig_ReadsAsTheRunItDescribes()
    {
        string path = Fixtures.Path("v1/image-run-config.json");
        RunConfig config = RunConfigJson.Read(File.ReadAllText(path), path);
        var expected = new RunConfig
        {
            Data = new FashionMnistSource("/tmp/fx/idx"),
            Model = new MlpSpec(0, [16], 0, "gelu", LinearInit.Normal(0.01f), 0.1f, BatchNorm: true),
            Optimizer = new OptimizerSettings(OptimizerKind.Adam),
            Policy = new TrainingPolicy(new LrScheduleSpec(LrScheduleKind.Step, StepSize: 1, Gamma: 0.9f), ValidationFraction: 0.25,
                EarlyStopping: new EarlyStoppingSpec(5)),
            Training = new TrainerOptions(Epochs: 2, BatchSize: 16),
            Seed = 3,
        };
        RunConfigAssert.Same(expected, config);
    }

    [Fact]
    public void VersionOneConfig_OfADefaultTrainCommand_IsTheD2lRun()
    {
        // What version 1 wrote for a plain `dendrite train` (sgd always carried its resolved lr and weight decay).
        RunConfig config = RunConfigJson.Read(
            "{\"dendrite_version\":\"1.0.0\",\"command\":\"train\",\"seed\":0,\"run_folder\":\"runs/x\",\"options\":{\"epochs\":10,\"batch-size\":256," +
            "\"lr\":0.1,\"weight-decay\":0,\"hidden\":\"256\",\"activation\":\"relu\",\"init\":\"normal:0.01\",\"seed\":0,\"data\":null,\"threads\":0," +
            "\"engine\":\"auto\",\"log-format\":\"text\",\"optimizer\":\"sgd\"},\"architecture\":{},\"optimizer\":\"sgd\"}", "old.json");
        RunConfigAssert.Same(RunConfig.D2lDefault, config);
        RunConfig smoothed = RunConfigJson.Read(
            "{\"options\":{\"hidden\":\"none\",\"label-smoothing\":0.1,\"engine\":\"autograd\",\"lr\":0.5,\"clip-grad\":\"value:1\",\"warmup\":2,\"lr-schedule\":\"cosine\"}}",
            "old.json");
        Assert.Empty(smoothed.Model.Hidden);
        Assert.Equal(0.1f, smoothed.Objective.LabelSmoothing);
        Assert.Equal(new OptimizerSettings(OptimizerKind.Sgd, 0.5f), smoothed.Optimizer);
        Assert.Equal(new TrainingPolicy(new LrScheduleSpec(LrScheduleKind.Cosine), 2, new GradientClip(GradientClipKind.Value, 1f)), smoothed.Policy);
    }

    /// <summary>Replaces the value at a dotted path of <see cref="Image"/>'s JSON.</summary>
    private static string ImageWith(string path, JsonNode? value)
    {
        var root = JsonNode.Parse(RunConfigJson.Write(Image))!;
        string[] keys = path.Split('.');
        JsonNode parent = root;
        foreach (string key in keys[..^1]) parent = parent[key]!;
        parent[keys[^1]] = value;
        return root.ToJsonString();
    }

    public static TheoryData<string, string, string> BadValues() => new()
    {
        { "optimizer.lr", "\"fast\"", "config key 'optimizer.lr' must be a finite number or null" },
        { "optimizer.name", "\"adamax\"", "config key 'optimizer.name' is 'adamax', expected one of sgd, adam" },
        { "model.hidden", "[16, \"x\"]", "config key 'model.hidden' must be an array of integers" },
        { "model.activation", "\"swishy\"", "the run config is invalid: unknown activation 'swishy'" },
        { "model.init", "\"glorot\"", "config key 'model.init' is invalid: " },
        { "model.dropout", "1.5", "the run config is invalid: dropout must be in [0, 1)" },
        { "policy.lr_schedule", "\"step:0\"", "config key 'policy.lr_schedule' is invalid: learning-rate schedule 'step:0'" },
        { "policy.clip_grad", "\"norm:-1\"", "config key 'policy.clip_grad' is invalid: " },
        { "policy.early_stopping", "\"0\"", "config key 'policy.early_stopping' is invalid: " },
        { "policy.val_split", "\"0.1\"", "config key 'policy.val_split' must be a finite number" },
        { "training.engine", "\"warp\"", "config key 'training.engine' is 'warp', expected one of auto, autograd, fused" },
        { "training.epochs", "2.5", "config key 'training.epochs' must be an integer" },
        { "training.batch_size", "0", "the run config is invalid: batch size must be > 0" },
        { "objective.class_weight", "\"1\"", "config key 'objective.class_weight' is '1', expected one of none, balanced" },
        { "seed", "-1", "config key 'seed' must be a whole number ≥ 0" },
        { "data.kind", "\"mnist\"", "config key 'data.kind' is 'mnist', expected fashion-mnist or csv" },
        { "model.batchnorm", "\"yes\"", "config key 'model.batchnorm' must be true or false" },
        { "model.hiden", "[3]", "config key 'model.hiden' is not a known setting" },
        { "training", "[]", "config key 'training' must be an object" },
        { "schema_version", "3", "config key 'schema_version' is 3; this build reads schemas 1 and 2" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Errors_NameTheSourceAndTheKey(string path, string value, string message)
    {
        string json = ImageWith(path, JsonNode.Parse(value));
        var e = Assert.Throws<DendriteException>(() => RunConfigJson.Read(json, "runs/a/last.safetensors"));
        Assert.StartsWith("runs/a/last.safetensors: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void MissingKeys_MalformedJson_AndOtherShapes_AreNamed()
    {
        var root = JsonNode.Parse(RunConfigJson.Write(Image))!;
        root["optimizer"]!.AsObject().Remove("lr");
        Assert.Contains("config key 'optimizer.lr' is missing", Assert.Throws<DendriteException>(() => RunConfigJson.Read(root.ToJsonString(), "c.json")).Message,
            StringComparison.Ordinal);
        Assert.StartsWith("c.json: the run config is not valid JSON", Assert.Throws<DendriteException>(() => RunConfigJson.Read("{\"seed\":", "c.json")).Message,
            StringComparison.Ordinal);
        Assert.Contains("expected a JSON object", Assert.Throws<DendriteException>(() => RunConfigJson.Read("[1]", "c.json")).Message, StringComparison.Ordinal);
        Assert.Contains("neither a schema_version nor version 1's options",
            Assert.Throws<DendriteException>(() => RunConfigJson.Read("{\"seed\":1}", "c.json")).Message, StringComparison.Ordinal);
        // A setting of the other task is refused as soon as the task is known.
        string json = RunConfigJson.Write(Table with { Objective = new ObjectiveSpec(ClassWeighting.Balanced) });
        Assert.Contains("class weighting applies to classification only",
            Assert.Throws<DendriteException>(() => RunConfigJson.Read(json, "c.json")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VersionOneErrors_NameTheOption()
    {
        string Error(string options) => Assert.Throws<DendriteException>(() => RunConfigJson.Read("{\"options\":{" + options + "}}", "old/config.json")).Message;
        Assert.Contains("old/config.json: config key 'options.epochs' must be a whole number", Error("\"epochs\":\"many\""), StringComparison.Ordinal);
        Assert.Contains("config key 'options.lr-schedule' is invalid", Error("\"lr-schedule\":\"sometimes\""), StringComparison.Ordinal);
        Assert.Contains("config key 'options.colour' is not a known setting", Error("\"colour\":1"), StringComparison.Ordinal);
        Assert.Contains("config key 'options.optimizer' is 'lion'", Error("\"optimizer\":\"lion\""), StringComparison.Ordinal);
        Assert.Contains("config key 'options' describe an invalid run", Error("\"dropout\":2"), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RefusesCombinationsNoTrainerWouldRun()
    {
        Assert.Contains("autograd", Assert.Throws<DendriteException>(() => (Image with
        {
            Training = Image.Training with { Engine = TrainingEngine.Fused },
        }).Validate()).Message, StringComparison.Ordinal);
        Assert.Throws<DendriteException>(() => (Table with { Data = new CsvSource("a.csv", "y") { TestSplit = 1 } }).Validate());
        Assert.Throws<DendriteException>(() => (Table with { Data = new CsvSource("a.csv", "y") { LogTarget = true, Task = TaskKind.Classification } }).Validate());
        Assert.Throws<DendriteException>(() => (Image with { Policy = new TrainingPolicy(EarlyStopping: new EarlyStoppingSpec(2)) }).Validate());
        Assert.Throws<DendriteException>(() => (Image with { Policy = new TrainingPolicy(new LrScheduleSpec(LrScheduleKind.OneCycle), WarmupEpochs: 1) }).Validate());
    }
}
