using System.Globalization;
using System.Text;
using Dendrite.Data;
using Dendrite.Data.Tabular;
using Dendrite.Nn;
using Dendrite.Random;
using Dendrite.TestKit;
using Dendrite.Training.Models;

namespace Dendrite.Serving.Tests;

/// <summary>
/// Small models saved to files and loaded back as the server loads them: a Fashion-MNIST-shaped image classifier
/// (784-32-10, seeded random weights, so every class gets a real probability) and table models on a CSV with a
/// numeric and a categorical column, an id column and a class and a numeric target.
/// </summary>
internal sealed class ServingModels : IDisposable
{
    private readonly TempDirectory _dir = new("dendrite-serving-");
    private int _count;

    public string Combine(string name) => _dir.Combine(name);

    /// <summary>784-32-10 with ReLU on 0–255 pixels; saved and loaded.</summary>
    public TrainedModel Image(ulong seed = 7)
    {
        var rng = new Rng(seed);
        var net = new Sequential(new Flatten(), new Linear(784, 32, rng), new ReLU(), new Linear(32, 10, rng));
        var model = new TrainedModel(net, ModelInfo.Classifier(FashionMnist.ClassNames, ImageInput.FashionMnist), epoch: 1);
        return SaveAndLoad(model);
    }

    /// <summary>Random 0–255 pixel rows, [count, 784].</summary>
    public static float[] Pixels(Rng rng, int count)
    {
        var pixels = new float[count * 784];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = MathF.Floor(rng.NextFloat() * 256f);
        return pixels;
    }

    /// <summary>The training table: "id,city,size,label,y"; city categorical (north/south/east), size numeric, both sometimes missing.</summary>
    public string TrainingCsv()
    {
        string[] cities = ["north", "south", "east"];
        var rng = new Rng(3);
        var sb = new StringBuilder("id,city,size,label,y\n");
        for (int i = 0; i < 80; i++)
        {
            int c = (int)(rng.NextDouble() * 3);
            double size = rng.NextNormal();
            double y = 3 * size + (c - 1) * 2;
            string city = i % 9 == 4 ? "" : cities[c];
            string sizeText = i % 7 == 3 ? "NA" : size.ToString("R", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"r{i},{city},{sizeText},{(y > 0 ? "big" : "small")},{y:R}\n");
        }
        return Write(sb.ToString());
    }

    /// <summary>A table classifier of "label" (big/small) or a regressor of "y", with "id" as its id column.</summary>
    public TrainedModel Table(TaskKind task)
    {
        string target = task == TaskKind.Classification ? "label" : "y";
        string other = task == TaskKind.Classification ? "y" : "label";
        TabularFrame frame = TabularCsv.Load(TrainingCsv(), new TabularCsvOptions
        {
            TargetColumn = target,
            IdColumn = "id",
            ColumnKinds = new Dictionary<string, ColumnKind> { [other] = ColumnKind.Ignore },
        });
        var preprocessor = TabularPreprocessor.Fit(frame);
        var rng = new Rng(11);
        int outputs = task == TaskKind.Classification ? 2 : 1;
        var net = new Sequential(new Linear(preprocessor.FeatureCount, 8, rng), new ReLU(), new Linear(8, outputs, rng));
        var input = new TableInput(preprocessor, "id");
        ModelInfo info = task == TaskKind.Classification
            ? new ModelInfo(TaskKind.Classification, preprocessor.Target!.ClassNames!, input, target)
            : new ModelInfo(TaskKind.Regression, null, input, target);
        return SaveAndLoad(new TrainedModel(net, info, epoch: 3));
    }

    public string Write(string text)
    {
        string path = _dir.Combine($"t{_count++}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    private TrainedModel SaveAndLoad(TrainedModel model)
    {
        string path = _dir.Combine($"model{_count++}.safetensors");
        model.Save(path);
        return TrainedModel.Load(path);
    }

    public void Dispose() => _dir.Dispose();
}
