using Erofs.Fuse.Abi;
using Erofs.Fuse.Protocol;
using Erofs.Mounting;

namespace Erofs.Fuse;

/// <summary>
/// A mounted FUSE connection served by a few worker threads, each on its own cloned /dev/fuse
/// descriptor. <see cref="Mount"/> returns once INIT is answered, so the mount is usable; the
/// session ends when the mount goes away (the device reports ENODEV), on DESTROY, or on
/// <see cref="Unmount"/>.
/// </summary>
public sealed class FuseSession : IDisposable
{
    private readonly FuseDevice _device;
    private readonly List<FuseDevice> _clones = [];
    private readonly List<FuseWorker> _workers = [];
    private readonly FuseDispatcher _dispatcher;
    private readonly FuseSessionOptions _options;
    private int _unmounted;
    private uint? _connectionId;
    private bool _disposed;

    private FuseSession(string mountPoint, FuseDevice device, bool viaFusermount, FuseDispatcher dispatcher, FuseSessionOptions options)
    {
        MountPoint = mountPoint;
        _device = device;
        MountedWithFusermount = viaFusermount;
        _dispatcher = dispatcher;
        _options = options;
    }

    /// <summary>The absolute mount point.</summary>
    public string MountPoint { get; }

    /// <summary>True when fusermount3 made the mount (no root; no passthrough).</summary>
    public bool MountedWithFusermount { get; }

    /// <summary>What INIT agreed.</summary>
    public FuseConnection Connection => _dispatcher.Connection ?? throw new InvalidOperationException("INIT has not completed");

    /// <summary>Requests of <paramref name="opcode"/> the kernel sent so far (e.g. to see which ones a cached walk still costs).</summary>
    public long RequestCount(FuseOpcode opcode) => _dispatcher.RequestCount(opcode);

    /// <summary>Replies deferred by handlers (<see cref="FuseContext.Defer{TReply}"/>) and not completed yet.</summary>
    public int PendingDeferredReplies => _dispatcher.Pending.Count;

    /// <summary>Number of worker threads serving requests.</summary>
    public int WorkerCount => _workers.Count;

    /// <summary>Mounts <paramref name="fileSystem"/> on <paramref name="mountPoint"/> and serves it until the mount goes away.</summary>
    /// <exception cref="IOException">The mount or the INIT exchange failed; the message names the mount point.</exception>
    public static FuseSession Mount(string mountPoint, IFuseFileSystem fileSystem, FuseSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        options ??= new FuseSessionOptions();
        mountPoint = Path.GetFullPath(mountPoint);
        if (!Directory.Exists(mountPoint))
            throw new IOException($"mount point {mountPoint}: not a directory");
        var (device, viaFusermount) = FuseMounter.Mount(mountPoint, options);
        if (viaFusermount)
            options = options with { Passthrough = false };
        var session = new FuseSession(mountPoint, device, viaFusermount, new FuseDispatcher(fileSystem, options), options);
        try
        {
            session._connectionId = MountTable.Find(mountPoint)?.DeviceMinor;
            session.Initialize();
            fileSystem.Started(session);
            session.StartWorkers();
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private void Initialize()
    {
        var first = new FuseWorker(_device, _dispatcher, _options.MaxPages, "fuse-init", _options.Log);
        try
        {
            while (_dispatcher.Connection is null)
            {
                if (_dispatcher.InitProblem is { } problem)
                    throw new IOException($"mount {MountPoint}: {problem}");
                if (!first.ServeOne())
                    throw new IOException($"mount {MountPoint}: the connection ended before INIT{(first.Failure is null ? "" : ": " + first.Failure)}");
            }
        }
        finally
        {
            first.Dispose();
        }
    }

    private void StartWorkers()
    {
        int count = Math.Max(1, _options.Workers);
        for (int i = 0; i < count; i++)
        {
            var device = i == 0 ? _device : CloneOrShare();
            var worker = new FuseWorker(device, _dispatcher, Connection.MaxPages, $"fuse-worker-{i}", _options.Log);
            _workers.Add(worker);
            worker.Start();
        }
    }

    private FuseDevice CloneOrShare()
    {
        try
        {
            var clone = _device.Clone();
            _clones.Add(clone);
            return clone;
        }
        catch (IOException e)
        {
            // Several threads may also read one descriptor; cloning only spreads the queues.
            _options.Log?.Invoke($"{e.Message}; workers share one descriptor");
            return _device;
        }
    }

    /// <summary>Blocks until every worker has stopped (the mount went away); false on timeout.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        foreach (var worker in _workers)
        {
            long left = Math.Max(0, deadline - Environment.TickCount64);
            if (!worker.Join(TimeSpan.FromMilliseconds(left)))
                return false;
        }
        return true;
    }

    /// <summary>Blocks until every worker has stopped.</summary>
    public void WaitForExit()
    {
        foreach (var worker in _workers)
            worker.Join(Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Ends the connection at once (fusectl abort): workers stop, open files fail with ENOTCONN.
    /// For shutting down while files on a detached mount are still open; false when fusectl is unavailable.
    /// </summary>
    public bool Abort() => _connectionId is { } id && FuseMounts.Abort(id);

    /// <summary>The first device error that stopped a worker, or null when all ended cleanly.</summary>
    public string? Failure => _workers.Select(w => w.Failure).FirstOrDefault(f => f is not null);

    /// <summary>Detaches the mount (lazily: open files keep working until closed). Idempotent; returns null or why it failed.</summary>
    public string? Unmount()
    {
        if (Interlocked.Exchange(ref _unmounted, 1) != 0)
            return null;
        return FuseMounter.Unmount(MountPoint, MountedWithFusermount);
    }

    /// <summary>
    /// Registers an open file as a passthrough backing file (FUSE_DEV_IOC_BACKING_OPEN) and returns its
    /// backing id, for <see cref="FuseOpenResult.BackingId"/>. Needs a negotiated passthrough connection and CAP_SYS_ADMIN.
    /// </summary>
    /// <exception cref="InvalidOperationException">Passthrough was not negotiated.</exception>
    /// <exception cref="IOException">The kernel refused.</exception>
    public int OpenBacking(Microsoft.Win32.SafeHandles.SafeFileHandle file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!Connection.Passthrough)
            throw new InvalidOperationException("passthrough was not negotiated on this connection");
        bool added = false;
        file.DangerousAddRef(ref added);
        try
        {
            return _device.OpenBacking((int)file.DangerousGetHandle());
        }
        finally
        {
            if (added)
                file.DangerousRelease();
        }
    }

    /// <summary>Drops a backing registration (FUSE_DEV_IOC_BACKING_CLOSE); files already open on it keep it.</summary>
    public void CloseBacking(int backingId) => _device.CloseBacking(backingId);

    /// <summary>
    /// Unmounts if still mounted, answers deferred replies still pending with EIO (their completions
    /// are then ignored), waits briefly for the workers and closes the descriptors.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        Unmount();
        // A caller waiting for a deferred reply keeps the detached mount, and so the workers, alive.
        int answered = _dispatcher.Pending.EndSession();
        if (answered > 0)
            _options.Log?.Invoke($"{answered} deferred replies were still pending when the session ended; answered EIO");
        // A detached mount lives on while files are open on it: end the connection so the workers stop.
        bool stopped = WaitForExit(TimeSpan.FromSeconds(2)) || (Abort() && WaitForExit(TimeSpan.FromSeconds(5)));
        foreach (var clone in _clones)
            clone.Dispose();
        _device.Dispose();
        if (!stopped)
            return; // a worker still blocks in read: leave its buffers, the process is going away
        foreach (var worker in _workers)
            worker.Dispose();
    }
}
