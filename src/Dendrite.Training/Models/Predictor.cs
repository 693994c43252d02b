using System.Collections.Concurrent;
using Dendrite.Autograd;
using Dendrite.Data;
using Dendrite.Data.Tabular;
using Dendrite.Nn.Fused;
using Dendrite.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Dendrite.Training.Models;

/// <summary>
/// Inference on a <see cref="TrainedModel"/>, safe for any number of concurrent callers (a web server's requests):
/// each call runs on a fused plan taken from a pool (a plan's buffers are its own, the weights are shared and only
/// read), or, for a model the plan cannot run, on the module's forward pass under no-grad (which reads the weights and
/// running statistics only). Rows are fed in chunks, so memory stays bounded whatever the input's size. Do not train
/// or change the model while a predictor serves it.
/// </summary>
public sealed class Predictor
{
    /// <summary>Rows per forward pass: large enough for the GEMMs, small enough to bound the buffers.</summary>
    public const int ChunkRows = 1024;

    private readonly ConcurrentBag<FusedMlp> _plans = [];
    private readonly bool _fusable;

    /// <summary>A predictor for <paramref name="model"/>.</summary>
    public Predictor(TrainedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        FusedMlp? plan = FusedMlp.TryCompile(model.Module);
        _fusable = plan is not null;
        if (plan is not null) _plans.Add(plan);
        OutputWidth = plan?.OutputWidth ?? OutputWidthOf(model);
    }

    /// <summary>The model served.</summary>
    public TrainedModel Model { get; }

    /// <summary>Features per row the network takes.</summary>
    public int InputWidth => Model.Info.Input.FeatureCount;

    /// <summary>Outputs per row (classes, or regression outputs).</summary>
    public int OutputWidth { get; }

    /// <summary>
    /// The network's outputs [count, <see cref="OutputWidth"/>] for <paramref name="features"/> [count,
    /// <see cref="InputWidth"/>] already in the network's form (scaled, preprocessed).
    /// </summary>
    /// <exception cref="ShapeMismatchException"><paramref name="features"/> is not count × InputWidth values.</exception>
    public float[] Outputs(ReadOnlySpan<float> features, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (features.Length != (long)count * InputWidth)
            throw new ShapeMismatchException($"{features.Length} values for {count} rows of {InputWidth} features");
        var outputs = new float[(long)count * OutputWidth];
        for (int start = 0; start < count; start += ChunkRows)
        {
            int n = Math.Min(ChunkRows, count - start);
            ReadOnlySpan<float> rows = features.Slice(start * InputWidth, n * InputWidth);
            Span<float> into = outputs.AsSpan(start * OutputWidth, n * OutputWidth);
            if (_fusable) Fused(rows, n, into);
            else Forward(rows, n, into);
        }
        return outputs;
    }

    /// <summary>
    /// Predictions for <paramref name="count"/> rows of raw input: image pixels on the scale the model was trained
    /// with (0–255 for Fashion-MNIST; scaled here), or plain feature rows. A table model takes <see cref="PredictTable"/>.
    /// </summary>
    public Prediction[] Predict(ReadOnlySpan<float> rows, int count) => Interpret(Outputs(Features(rows, count), count), count);

    /// <summary>Predictions for every row of a table loaded as the model's <see cref="TableInput.LoadCsv"/> reads it.</summary>
    public Prediction[] PredictTable(TabularFrame frame)
    {
        float[] features = Features(frame);
        int count = frame.RowCount;
        return Interpret(Outputs(features, count), count);
    }

    /// <summary>
    /// The network's input [count, <see cref="InputWidth"/>] for <paramref name="count"/> rows of raw input (image
    /// pixels scaled as in training, feature rows as they are): what <see cref="Predict"/> feeds <see cref="Outputs"/>,
    /// for a caller that batches several requests into one <see cref="Outputs"/> call.
    /// </summary>
    /// <exception cref="DendriteException">The model takes table rows.</exception>
    /// <exception cref="ShapeMismatchException"><paramref name="rows"/> is not count × InputWidth values.</exception>
    public float[] Features(ReadOnlySpan<float> rows, int count)
    {
        if (Model.Info.Input is TableInput) throw new DendriteException("a table model takes named columns; use PredictTable");
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (rows.Length != (long)count * InputWidth)
            throw new ShapeMismatchException($"{rows.Length} values for {count} rows of {InputWidth} features");
        float[] features = rows.ToArray();
        if (Model.Info.Input is ImageInput image) TensorPrimitives.Multiply(features, image.Scale, features);
        return features;
    }

    /// <summary>
    /// The network's input [frame.RowCount, <see cref="InputWidth"/>] for a table loaded as the model's
    /// <see cref="TableInput.LoadCsv"/> or <see cref="TableInput.FromRows"/> reads it: the fitted preprocessing.
    /// </summary>
    /// <exception cref="DendriteException">The model takes images or feature rows.</exception>
    /// <exception cref="CsvFormatException">A value the fitted preprocessing refuses (named by line and column).</exception>
    public float[] Features(TabularFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        TableInput input = Model.Info.Input as TableInput ?? throw new DendriteException("this model takes images or feature rows, not a table");
        return input.Preprocessor.Transform(frame).Features;
    }

    /// <summary>The meaning of network outputs [count, OutputWidth]: classes with probabilities, or values in target units.</summary>
    public Prediction[] Interpret(ReadOnlySpan<float> outputs, int count)
    {
        var result = new Prediction[count];
        int w = OutputWidth;
        FittedTarget? target = (Model.Info.Input as TableInput)?.Preprocessor.Target;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<float> row = outputs.Slice(i * w, w);
            if (Model.Info.Task == TaskKind.Regression)
            {
                var values = new double[w];
                for (int j = 0; j < w; j++) values[j] = target is { Task: TaskKind.Regression } t ? t.FromModel(row[j]) : row[j];
                result[i] = new Prediction(-1, null, null, values);
                continue;
            }
            float[] p = Reports.Predictions.Softmax(row, w);
            int best = Reports.Predictions.ArgMax(row, w)[0];
            IReadOnlyList<string>? names = Model.Info.ClassNames;
            result[i] = new Prediction(best, names is not null && best < names.Count ? names[best] : null, p, null);
        }
        return result;
    }

    private void Fused(ReadOnlySpan<float> rows, int n, Span<float> into)
    {
        FusedMlp plan = _plans.TryTake(out FusedMlp? pooled) ? pooled : FusedMlp.TryCompile(Model.Module)!;
        try
        {
            plan.Predict(rows, n, into);
        }
        finally
        {
            _plans.Add(plan);
        }
    }

    private void Forward(ReadOnlySpan<float> rows, int n, Span<float> into)
    {
        using var _ = AutogradContext.NoGrad();
        Tensor y = Model.Module.Forward(new Tensor(rows.ToArray(), n, InputWidth));
        if (y.Size != into.Length) throw new ShapeMismatchException($"the model gave {y.ShapeString} for {n} rows, expected {OutputWidth} outputs each");
        y.Data.AsSpan().CopyTo(into);
    }

    private static int OutputWidthOf(TrainedModel model)
    {
        using var _ = AutogradContext.NoGrad();
        Tensor y = model.Module.Forward(Tensor.Zeros(1, model.Info.Input.FeatureCount));
        return y.Size;
    }
}
