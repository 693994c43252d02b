using Dendrite.Data.Tabular;
using Dendrite.Training.Tabular;

namespace Dendrite.Cli.Commands;

/// <summary>The validated options of <c>dendrite train --csv</c> and <c>dendrite cv</c>.</summary>
/// <param name="CsvPath">The training table.</param>
/// <param name="Loading">How to read it (target, id column, delimiter, forced task).</param>
/// <param name="TestSplit">Fraction of rows held out for testing when there is no test file.</param>
/// <param name="SplitSeed">Seed of the train/test or fold assignment, separate from the training seed.</param>
/// <param name="TestCsvPath">A separate test table, or null to split <paramref name="CsvPath"/>.</param>
/// <param name="Folds">k for cross-validation.</param>
/// <param name="Training">Model and optimizer settings.</param>
/// <param name="LogFormat">Text table or JSON lines.</param>
/// <param name="Threads">Kernel threads.</param>
internal sealed record TabularCommandSettings(
    string CsvPath,
    TabularCsvOptions Loading,
    double TestSplit,
    ulong SplitSeed,
    string? TestCsvPath,
    int Folds,
    TabularSettings Training,
    LogFormat LogFormat,
    int Threads);
