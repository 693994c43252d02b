using Dendrite.Data;

namespace Dendrite.Training.Models;

/// <summary>
/// What a trained network means, stored beside its weights: the task, the name of each class (classification) or of
/// the target (regression), and what its input rows are.
/// </summary>
/// <param name="Task">Classification or regression.</param>
/// <param name="ClassNames">Name of each output class, index = class id (classification); null for regression.</param>
/// <param name="Input">Images, plain features, or table rows with their fitted preprocessing.</param>
/// <param name="TargetName">The predicted column's name (regression; also set for table classification), or null.</param>
public sealed record ModelInfo(TaskKind Task, IReadOnlyList<string>? ClassNames, ModelInput Input, string? TargetName = null)
{
    /// <summary>A classifier of <paramref name="input"/> into <paramref name="classNames"/>.</summary>
    public static ModelInfo Classifier(IReadOnlyList<string> classNames, ModelInput input) => new(TaskKind.Classification, classNames, input);

    /// <summary>"0", "1", … for data sets without names.</summary>
    public static IReadOnlyList<string> DefaultClassNames(int classes) =>
        [.. Enumerable.Range(0, classes).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}
