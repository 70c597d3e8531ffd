using Microsoft.Win32.SafeHandles;

namespace Erofs.Runtime.Store;

/// <summary>
/// An object opened read-only with a shared flock held on it: while any lease (in any process) is open,
/// <see cref="ObjectStore.Gc"/> does not remove the object. The lock belongs to the open file description,
/// so it also lives on in the kernel while a FUSE passthrough backing file registered from
/// <see cref="Handle"/> is open, and it dies with the process (SIGKILL included).
/// </summary>
public sealed class ObjectLease : IDisposable
{
    private readonly ObjectStore _store;
    private bool _disposed;
    private bool _useRecorded;
    private long _recordedAt;

    internal ObjectLease(ObjectStore store, Fingerprint fingerprint, string path, SafeFileHandle handle, long length, bool useRecorded)
    {
        _store = store;
        _useRecorded = useRecorded;
        _recordedAt = Environment.TickCount64;
        Fingerprint = fingerprint;
        Path = path;
        Handle = handle;
        Length = length;
    }

    /// <summary>How stale a recorded last use may be (gc orders objects by it).</summary>
    public static readonly TimeSpan UsePrecision = TimeSpan.FromSeconds(30);

    /// <summary>The object's fingerprint.</summary>
    public Fingerprint Fingerprint { get; }

    /// <summary>The object's path.</summary>
    public string Path { get; }

    /// <summary>The read-only descriptor (e.g. for <c>FuseSession.OpenBacking</c>); owned by the lease.</summary>
    public SafeFileHandle Handle { get; }

    /// <summary>Content length in bytes.</summary>
    public long Length { get; }

    /// <summary>
    /// Sets the object's last-use time to now (a gc hint: failures are ignored), unless this lease recorded
    /// it less than <see cref="UsePrecision"/> ago: a file reopened and closed in a loop costs no write.
    /// </summary>
    public void RecordUse()
    {
        long now = Environment.TickCount64;
        if (_useRecorded && now - _recordedAt < (long)UsePrecision.TotalMilliseconds)
            return;
        try
        {
            _store.RecordUse(Fingerprint);
        }
        catch (IOException)
        {
            // Last-use time is a gc hint only.
        }
        _recordedAt = now;
        _useRecorded = true;
    }

    /// <summary>
    /// Closes the descriptor, which releases the lock, first recording the last use unless
    /// <see cref="RecordUse"/> did (so a daemon ending after an unmount writes nothing to the store).
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        try
        {
            if (!_useRecorded)
                RecordUse();
        }
        finally
        {
            Handle.Dispose();
        }
    }
}
