using Dendrite.Data.Tabular;
using Dendrite.Training.Models;

namespace Dendrite.Training.Runs;

/// <summary>
/// A run's data, ready to train on: the training part (after the validation split), the validation part, the test
/// set, and what a model trained on it means (task, class names, input and fitted preprocessing).
/// </summary>
/// <param name="Fit">The sets the trainer uses.</param>
/// <param name="Info">The meaning of a model trained on this data, stored in every checkpoint.</param>
/// <param name="Description">One line for the user: where the data came from and how it was split.</param>
/// <param name="Notes">Further lines worth telling the user (rows skipped, columns dropped, a likely id column used as a feature).</param>
/// <param name="SkippedRows">Table rows left out because their target was missing (training and test files).</param>
public sealed record RunData(FitData Fit, ModelInfo Info, string Description, IReadOnlyList<string> Notes, int SkippedRows = 0)
{
    /// <summary>The fitted preprocessing of a table, or null for images and plain features.</summary>
    public TabularPreprocessor? Preprocessor => (Info.Input as TableInput)?.Preprocessor;

    /// <summary>The number of outputs a model for this data has: one per class, or one per regression target.</summary>
    public int Outputs => Fit.Train.IsRegression ? Fit.Train.TargetCount : Info.ClassNames!.Count;
}
