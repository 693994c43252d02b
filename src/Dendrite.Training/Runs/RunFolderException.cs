namespace Dendrite.Training.Runs;

/// <summary>A folder given as a run that is not one, or an --out folder that already holds a run.</summary>
public sealed class RunFolderException : DendriteException
{
    /// <summary>Creates the exception with a generic message; prefer one naming the problem.</summary>
    public RunFolderException() { }

    /// <summary>Creates the exception; <paramref name="message"/> names the folder and what is wrong with it.</summary>
    public RunFolderException(string message) : base(message) { }

    /// <summary>Creates the exception with the error that caused it.</summary>
    public RunFolderException(string message, Exception inner) : base(message, inner) { }
}
