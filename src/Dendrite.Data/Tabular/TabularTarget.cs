namespace Dendrite.Data.Tabular;

/// <summary>
/// The target column of a loaded CSV: float <see cref="Values"/> for regression, or integer <see cref="Labels"/>
/// into the sorted <see cref="ClassNames"/> for classification.
/// </summary>
public sealed class TabularTarget
{
    private TabularTarget(string name, TaskKind task, float[]? values, int[]? labels, string[]? classNames)
    {
        Name = name;
        Task = task;
        Values = values;
        Labels = labels;
        ClassNames = classNames;
    }

    /// <summary>A regression target with one value per row (<paramref name="values"/> is not copied).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    public static TabularTarget Regression(string name, float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new TabularTarget(name, TaskKind.Regression, values, null, null);
    }

    /// <summary>A classification target: one label per row, each an index into <paramref name="classNames"/>.</summary>
    /// <exception cref="ArgumentNullException">
    /// <paramref name="labels"/> or <paramref name="classNames"/> is null.
    /// </exception>
    /// <exception cref="ArgumentException">A label is negative or not below the number of classes.</exception>
    public static TabularTarget Classification(string name, int[] labels, string[] classNames)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        foreach (int label in labels)
            if ((uint)label >= (uint)classNames.Length) throw new ArgumentException($"label {label} is not below {classNames.Length} classes", nameof(labels));
        return new TabularTarget(name, TaskKind.Classification, null, labels, classNames);
    }

    /// <summary>The target column's header name.</summary>
    public string Name { get; }

    /// <summary>
    /// Regression (<see cref="Values"/> set) or classification (<see cref="Labels"/> and <see cref="ClassNames"/> set).
    /// </summary>
    public TaskKind Task { get; }

    /// <summary>Regression targets, one per row; null for classification.</summary>
    public float[]? Values { get; }

    /// <summary>Class index of each row into <see cref="ClassNames"/>; null for regression.</summary>
    public int[]? Labels { get; }

    /// <summary>
    /// Distinct class names, sorted (numerically when every class is a number, so "10" follows "9"; otherwise by
    /// ordinal string order); null for regression.
    /// </summary>
    public string[]? ClassNames { get; }

    /// <summary>Number of rows.</summary>
    public int Count => Values?.Length ?? Labels!.Length;
}
