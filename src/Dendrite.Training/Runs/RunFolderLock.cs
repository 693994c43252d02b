namespace Dendrite.Training.Runs;

/// <summary>
/// One writer per run folder: an exclusive lock on the folder's ".run.lock" file (an advisory flock on Linux, a
/// sharing lock on Windows), held for as long as the run trains. The kernel releases it when the process ends, even
/// after kill -9, so a lock is never stale; the holder's PID is written beside it (".run.lock.pid") so that a second
/// process can say who holds the folder.
/// </summary>
public sealed class RunFolderLock : IDisposable
{
    /// <summary>The file that is locked.</summary>
    public const string LockFile = ".run.lock";

    /// <summary>The file naming the holder's process id.</summary>
    public const string PidFile = ".run.lock.pid";

    private readonly FileStream _stream;
    private readonly string _pidPath;

    private RunFolderLock(FileStream stream, string pidPath)
    {
        _stream = stream;
        _pidPath = pidPath;
    }

    /// <summary>Takes the lock of <paramref name="folder"/> (which must exist).</summary>
    /// <exception cref="RunFolderException">another process holds it (the message names its PID), or the folder cannot be written.</exception>
    public static RunFolderLock Acquire(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string lockPath = Path.Combine(folder, LockFile), pidPath = Path.Combine(folder, PidFile);
        FileStream stream;
        try
        {
            // The lock file is never deleted: deleting it could let two processes lock two different files of that name.
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(lockPath))
        {
            throw new RunFolderException($"{folder}: is in use by another dendrite process (PID {Holder(pidPath)}); wait for it to end or stop it");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RunFolderException($"{folder}: cannot lock the run folder: {e.Message}", e);
        }
        try
        {
            // Written beside and renamed into place, so a process refused the lock never reads a PID file that exists
            // but is still empty (it would name the holder "unknown").
            string temporary = pidPath + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp";
            File.WriteAllText(temporary, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.Move(temporary, pidPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stream.Dispose();
            throw new RunFolderException($"{folder}: cannot write to the run folder: {e.Message}", e);
        }
        return new RunFolderLock(stream, pidPath);
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(_pidPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover PID file only makes a later message name an old process; the lock itself is released below.
        }
        _stream.Dispose();
    }

    private static string Holder(string pidPath)
    {
        try
        {
            string text = File.ReadAllText(pidPath).Trim();
            return text.Length is > 0 and <= 12 ? text : "unknown";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
