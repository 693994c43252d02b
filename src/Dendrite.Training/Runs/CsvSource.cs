using Dendrite.Data;

namespace Dendrite.Training.Runs;

/// <summary>
/// A CSV table with a header row: the target column to predict, an optional id column that is not a feature, and the
/// test rows (a seeded split of the file, or a second file read the same way).
/// </summary>
/// <param name="Path">The training table.</param>
/// <param name="Target">The column to predict.</param>
public sealed record CsvSource(string Path, string Target) : DataSource
{
    /// <inheritdoc/>
    public override string Kind => "csv";

    /// <summary>A row-id column passed through, never a feature; null for none.</summary>
    public string? IdColumn { get; init; }

    /// <summary>The field separator; null detects it.</summary>
    public char? Delimiter { get; init; }

    /// <summary>Forces classification or regression; null detects it from the target column.</summary>
    public TaskKind? Task { get; init; }

    /// <summary>Fraction of the rows held out for testing when there is no <see cref="TestPath"/>, in (0, 1).</summary>
    public double TestSplit { get; init; } = 0.2;

    /// <summary>A separate test table with the same columns, or null to split <see cref="Path"/>.</summary>
    public string? TestPath { get; init; }

    /// <summary>Seed of the train/test split (and of the folds in cross-validation), apart from the training seed.</summary>
    public ulong SplitSeed { get; init; }

    /// <summary>Regress on log(target) (positive targets, e.g. prices).</summary>
    public bool LogTarget { get; init; }

    /// <summary>
    /// Train from the file in chunks instead of loading it (<see cref="RunDataLoader.FromCsv"/>): bounded memory for a
    /// table of any size. Rows are split by a hash of their line number rather than by a permutation of all rows, and
    /// the training order comes from a shuffled chunk order and a shuffle buffer rather than a full shuffle.
    /// </summary>
    public bool Stream { get; init; }

    /// <summary>Throws <see cref="DendriteException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Path)) throw new DendriteException("the CSV file is not given");
        if (string.IsNullOrEmpty(Target)) throw new DendriteException("the target column is not given");
        if (TestPath is null && !(TestSplit > 0 && TestSplit < 1)) throw new DendriteException($"the test split must be in (0, 1), got {TestSplit}");
        if (LogTarget && Task == TaskKind.Classification) throw new DendriteException("a log target applies to regression only");
    }
}
