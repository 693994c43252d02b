using Dendrite.Training.Runs;

namespace Dendrite.Cli.Runs;

/// <summary>Loads a run's data: Fashion-MNIST through the injectable <see cref="CliServices"/>, a table through the library.</summary>
internal static class RunDataSource
{
    public static RunData Load(RunConfig config, CliServices services, Action<string> note, IReadOnlyList<string>? classNames = null) =>
        config.Data switch
        {
            CsvSource csv => RunDataLoader.FromCsv(csv, config),
            FashionMnistSource images => RunDataLoader.FromImages(services.LoadData(images.Folder, note), config, classNames),
            _ => throw new DendriteException($"unknown data source {config.Data.Kind}"),
        };
}
