namespace Dendrite.Training.Runs;

/// <summary>A folder given as a run that is not one, or an --out folder that already holds a run.</summary>
public sealed class RunFolderException : DendriteException
{
    public RunFolderException() { }

    public RunFolderException(string message) : base(message) { }

    public RunFolderException(string message, Exception inner) : base(message, inner) { }
}
