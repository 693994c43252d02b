namespace Dendrite.Training.Reports;

/// <summary>One class's row of a classification report. Undefined ratios (0/0) are 0, as scikit-learn reports them.</summary>
/// <param name="Name">The class name.</param>
/// <param name="Precision">TP / (TP + FP): of the samples predicted as this class, the fraction that are.</param>
/// <param name="Recall">TP / (TP + FN): of the samples of this class, the fraction found.</param>
/// <param name="F1">2·P·R / (P + R).</param>
/// <param name="Support">Samples whose true class is this one.</param>
public sealed record ClassMetrics(string Name, double Precision, double Recall, double F1, int Support);
