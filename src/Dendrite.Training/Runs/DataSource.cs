namespace Dendrite.Training.Runs;

/// <summary>Where a run's data comes from, recorded in its config so that a resumed run reads the same data.</summary>
public abstract record DataSource
{
    /// <summary>"fashion-mnist" or "csv": the source's name in the config.</summary>
    public abstract string Kind { get; }
}
