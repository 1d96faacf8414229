using SmartCampus.Edge.Sync.Resources;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Exclusive lock on "&lt;database&gt;.lock", held for the lifetime of an <see cref="OutboxStore"/>. It stays held
/// while a broken database is moved aside, so no other process can open the path in between. The file is never
/// deleted: deleting a lock file lets two processes lock two different files of the same name.
/// </summary>
internal sealed class OutboxLock : IDisposable
{
    private readonly FileStream _file;

    private OutboxLock(FileStream file)
    {
        _file = file;
    }

    public static OutboxLock Acquire(string databasePath)
    {
        var lockPath = OutboxFiles.LockPath(databasePath);

        try
        {
            // FileShare.None takes flock(LOCK_EX | LOCK_NB) on Linux; the kernel releases it if the process dies.
            var file = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
            return new OutboxLock(file);
        }
        catch (IOException exception) when (exception.GetType() == typeof(IOException))
        {
            // Only the plain IOException means "held by someone else"; its subclasses (directory not found, path too
            // long) keep their own message.
            throw new OutboxLockedException(SyncText.Format(SyncText.OutboxLocked, databasePath, lockPath), exception);
        }
    }

    public void Dispose() => _file.Dispose();
}
