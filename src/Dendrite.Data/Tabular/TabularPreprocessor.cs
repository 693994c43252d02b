using System.Text.Json;

namespace Dendrite.Data.Tabular;

/// <summary>
/// Turns a <see cref="TabularFrame"/> into model features, with statistics fitted on the training rows only (so no
/// information leaks from test or validation rows):
/// numeric column → missing filled with the training mean, then (x − mean) / std, plus an optional 0/1 missing
/// indicator; categorical column → missing filled with the training mode, then one-hot over the training
/// categories, where a category never seen in training becomes all zeros (the model falls back on the other
/// features instead of failing at prediction time). Regression targets are optionally logged and standardized.
/// The fitted state serializes to compact JSON (<see cref="ToJson"/>) and reproduces the transform bit for bit.
/// </summary>
public sealed partial class TabularPreprocessor
{
    private readonly FittedColumn[] _columns;
    private readonly Dictionary<string, int>?[] _categoryIndex;
    private readonly string[] _dropped;

    private TabularPreprocessor(FittedColumn[] columns, FittedTarget? target, string[] dropped)
    {
        _columns = columns;
        Target = target;
        _dropped = dropped;
        _categoryIndex = new Dictionary<string, int>?[columns.Length];
        var names = new List<string>();
        for (int c = 0; c < columns.Length; c++)
        {
            FittedColumn column = columns[c];
            if (column.Kind == ColumnKind.Numeric)
            {
                names.Add(column.Name);
                if (column.MissingIndicator) names.Add(column.Name + "_missing");
                continue;
            }
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int k = 0; k < column.Categories!.Length; k++)
            {
                index.Add(column.Categories[k], k);
                names.Add($"{column.Name}={column.Categories[k]}");
            }
            _categoryIndex[c] = index;
        }
        FeatureNames = names.ToArray();
    }

    /// <summary>A preprocessor from statistics fitted elsewhere (a file streamed in chunks).</summary>
    internal static TabularPreprocessor Create(FittedColumn[] columns, FittedTarget? target, string[] dropped) => new(columns, target, dropped);

    /// <summary>The fitted feature columns, in output order.</summary>
    public IReadOnlyList<FittedColumn> Columns => _columns;

    /// <summary>The fitted target, or null when the training frame had none.</summary>
    public FittedTarget? Target { get; }

    /// <summary>Columns left out because they were constant on the training rows (<see cref="TabularPreprocessorOptions.DropConstantColumns"/>).</summary>
    public IReadOnlyList<string> DroppedColumns => _dropped;

    /// <summary>Name of each output feature (see <see cref="TabularDataset.FeatureNames"/>).</summary>
    public string[] FeatureNames { get; }

    /// <summary>
    /// Features per transformed row: one per numeric column (two with an indicator), one per category.
    /// </summary>
    public int FeatureCount => FeatureNames.Length;

    /// <summary>
    /// Options to load another file (prediction input, a test file) exactly as the training file was read: the
    /// fitted column kinds (dropped columns ignored) and the fitted task, so that inference on a different set of
    /// rows cannot change how a column is read.
    /// </summary>
    public TabularCsvOptions ConfigureLoading(TabularCsvOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var kinds = new Dictionary<string, ColumnKind>(StringComparer.Ordinal);
        foreach (FittedColumn column in _columns) kinds[column.Name] = column.Kind;
        foreach (string name in _dropped) kinds[name] = ColumnKind.Ignore;
        return options with { ColumnKinds = kinds, Task = Target?.Task ?? options.Task };
    }

    /// <summary>Model-space value of a regression target y: ((log y or y) − mean) / std.</summary>
    public float TargetToModel(double y)
    {
        FittedTarget target = RegressionTarget();
        double t = target.Log ? Math.Log(y) : y;
        return (float)((t - target.Mean) / target.Std);
    }

    /// <summary>Inverse of <see cref="TargetToModel"/>: z·std + mean, exponentiated when the target was logged.</summary>
    public double TargetFromModel(float z) => RegressionTarget().FromModel(z);

    /// <summary>Maps model outputs back to target units, element by element (<see cref="TargetFromModel"/>).</summary>
    public void TargetsFromModel(ReadOnlySpan<float> model, Span<float> destination)
    {
        if (destination.Length != model.Length) throw new ArgumentException($"destination has {destination.Length} values, expected {model.Length}", nameof(destination));
        for (int i = 0; i < model.Length; i++) destination[i] = (float)TargetFromModel(model[i]);
    }

    /// <summary>The fitted state as compact JSON, for a checkpoint's metadata.</summary>
    public string ToJson() =>
        JsonSerializer.Serialize(
            new PreprocessorDocument { Version = PreprocessorDocument.CurrentVersion, Columns = _columns, Target = Target, Dropped = _dropped.Length == 0 ? null : _dropped },
            PreprocessorJsonContext.Default.PreprocessorDocument);

    private FittedTarget RegressionTarget() =>
        Target is { Task: TaskKind.Regression } target ? target : throw new InvalidOperationException("the preprocessor was not fitted on a regression target");
}
