using Erofs.Reading;

namespace Erofs.Runtime.Sharing;

/// <summary>
/// Publishes ahead of a reader: when a small file is opened for the first time, the small files that follow
/// it in its directory are handed, on one background thread, to a preparation (hash, publish, lease) before
/// their own OPEN arrives. A program reading a tree (tar, cp -r, a build) opens files one after another,
/// each OPEN waiting for its reply; with the work done ahead on another core those OPENs only take a lease.
/// </summary>
/// <remarks>
/// Bounded: one thread per mount; a trigger looks at most <see cref="WindowFiles"/> entries past the opened
/// file and takes at most <see cref="WindowBytes"/> of new files; at most <see cref="MaxQueued"/> files wait
/// (the oldest, furthest behind the reader, are dropped first) and <see cref="MaxTriggers"/> triggers.
/// Each directory's frontier (how far it was looked at) is kept for the last <see cref="MaxDirectories"/>
/// directories, so every entry is looked at about once. Nothing here decides a file's fate: the preparation
/// is the same decision its first open would make, made earlier.
/// </remarks>
internal sealed class PublishAhead : IDisposable
{
    /// <summary>How far past the opened file a trigger looks (entries).</summary>
    public const int WindowFiles = 64;

    /// <summary>The most bytes of files one trigger hands over.</summary>
    public const long WindowBytes = 1 << 20;

    private const int MaxQueued = 2 * WindowFiles;
    private const int MaxTriggers = 16;
    private const int MaxDirectories = 64;

    // While the worker sleeps with files ready ahead of the reader, it is woken at every few first opens
    // only (a wake-up costs a context switch on each side); at once when the reader caught up with it.
    private const int OpensPerWake = 8;

    private readonly IDirectorySiblings _siblings;
    private readonly Func<ulong, bool> _wanted;
    private readonly Action<InodeInfo> _prepare;
    private readonly Action<string>? _log;
    private readonly object _lock = new();
    private readonly Queue<(ulong Directory, ulong Nid)> _triggers = new();
    private readonly LinkedList<InodeInfo> _queue = new();
    private readonly HashSet<ulong> _queued = [];
    private readonly Dictionary<ulong, int> _frontiers = [];     // worker thread only
    private readonly Queue<ulong> _frontierOrder = new();        // worker thread only
    private Thread? _worker;
    private bool _waiting, _busy, _stopping, _loggedFailure;
    private ulong _lastDirectory;
    private int _opensWhileAsleep;

    /// <summary>
    /// <paramref name="wanted"/> says (cheaply, by nid) whether a file still needs preparing;
    /// <paramref name="prepare"/> prepares one small regular file and may throw (the file is then left
    /// to its own open).
    /// </summary>
    public PublishAhead(IDirectorySiblings siblings, Func<ulong, bool> wanted, Action<InodeInfo> prepare, Action<string>? log)
    {
        _siblings = siblings;
        _wanted = wanted;
        _prepare = prepare;
        _log = log;
    }

    /// <summary>
    /// True when no file is being prepared or waits to be, and the worker sleeps or has nothing to look at
    /// (triggers that did not wake it wait for later opens). For tests: idle means all done.
    /// </summary>
    public bool Idle
    {
        get
        {
            lock (_lock)
                return !_busy && _queue.Count == 0 && (_triggers.Count == 0 || _waiting);
        }
    }

    /// <summary>
    /// File <paramref name="nid"/> of <paramref name="directory"/> is being opened for the first time;
    /// <paramref name="caughtUp"/> when it was not prepared ahead. Costs the caller (an OPEN) a queue
    /// insertion, and now and then the wake-up of a sleeping worker.
    /// </summary>
    public void Opened(ulong directory, ulong nid, bool caughtUp)
    {
        lock (_lock)
        {
            if (_stopping)
                return;
            if (_triggers.Count == MaxTriggers)
                _triggers.Dequeue();
            _triggers.Enqueue((directory, nid));
            _worker ??= Start();
            if (_waiting && (caughtUp || directory != _lastDirectory || ++_opensWhileAsleep >= OpensPerWake))
            {
                _waiting = false; // signalled: no longer counts as asleep (see Idle)
                Monitor.Pulse(_lock);
            }
        }
    }

    /// <summary>Stops the worker once the file in hand is prepared (the mount is going away); what waits is dropped.</summary>
    public void Dispose()
    {
        Thread? worker;
        lock (_lock)
        {
            _stopping = true;
            _triggers.Clear();
            _queue.Clear();
            _queued.Clear();
            worker = _worker;
            Monitor.PulseAll(_lock);
        }
        worker?.Join();
    }

    private Thread Start()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "publish ahead" };
        thread.Start();
        return thread;
    }

    private void Run()
    {
        // Speculative work: the OPENs it prepares for (and the reader behind them) go first. (An OPEN of the
        // one file in hand waits for it; that file is small, and a nice thread still gets its share.) The
        // linker keeps its priority: publishers wait for it when its queue is full.
        BackgroundPriority.LowerCurrentThread();
        while (true)
        {
            (ulong Directory, ulong Nid) trigger = default;
            InodeInfo? file = null;
            lock (_lock)
            {
                _busy = false;
                _opensWhileAsleep = 0;
                while (!_stopping && _triggers.Count == 0 && _queue.Count == 0)
                {
                    _waiting = true;
                    Monitor.Wait(_lock);
                    _waiting = false;
                }
                if (_stopping)
                    return;
                _busy = true;
                // Triggers first: they say where the reader is now.
                if (_triggers.TryDequeue(out trigger))
                {
                    _lastDirectory = trigger.Directory;
                }
                else
                {
                    file = _queue.First!.Value;
                    _queue.RemoveFirst();
                    _queued.Remove(file.Nid);
                }
            }
            if (file is null)
                Look(trigger.Directory, trigger.Nid);
            else
                Prepare(file);
        }
    }

    // Queues the small files in the window past the opened one that the frontier has not passed yet.
    private void Look(ulong directory, ulong nid)
    {
        if (!TryFind(directory, nid, out var entries, out int index))
            return;
        int end = Math.Min(entries.Count, index + 1 + WindowFiles);
        int at = Math.Max(index + 1, _frontiers.GetValueOrDefault(directory));
        long bytes = 0;
        for (; at < end; at++)
        {
            var entry = entries[at];
            if (entry.Kind != FileKind.Regular || !_wanted(entry.Nid) || Candidate(entry.Nid) is not { } file)
                continue;
            if (bytes + (long)file.Size > WindowBytes)
                break; // the next trigger takes it
            bytes += (long)file.Size;
            Enqueue(file);
        }
        SetFrontier(directory, at);
    }

    private bool TryFind(ulong directory, ulong nid, out IReadOnlyList<DirectoryEntry> entries, out int index)
    {
        try
        {
            return _siblings.TryFind(directory, nid, out entries, out index);
        }
        catch (Exception e) when (e is ErofsContentException or IOException or NotSupportedException)
        {
            entries = [];
            index = 0;
            return false; // a damaged directory: its files' own opens report it
        }
    }

    // A small, non-empty regular file, or null (a damaged inode is its own open's to report).
    private InodeInfo? Candidate(ulong nid)
    {
        try
        {
            var inode = _siblings.Inode(nid);
            return inode.Kind == FileKind.Regular && inode.Size > 0 && inode.Size < FileSharing.LongHashBytes ? inode : null;
        }
        catch (Exception e) when (e is ErofsContentException or IOException or NotSupportedException)
        {
            return null;
        }
    }

    private void Enqueue(InodeInfo file)
    {
        lock (_lock)
        {
            if (_stopping || !_queued.Add(file.Nid))
                return;
            if (_queue.Count == MaxQueued)
            {
                _queued.Remove(_queue.First!.Value.Nid);
                _queue.RemoveFirst();
            }
            _queue.AddLast(file);
        }
    }

    private void SetFrontier(ulong directory, int at)
    {
        if (!_frontiers.ContainsKey(directory))
        {
            _frontierOrder.Enqueue(directory);
            if (_frontierOrder.Count > MaxDirectories)
                _frontiers.Remove(_frontierOrder.Dequeue());
        }
        _frontiers[directory] = Math.Max(at, _frontiers.GetValueOrDefault(directory));
    }

    private void Prepare(InodeInfo file)
    {
        try
        {
            _prepare(file);
        }
        catch (Exception e) when (e is IOException or ErofsContentException or NotSupportedException or ObjectDisposedException)
        {
            // Store or image trouble: the file's own open meets it again and reports it.
        }
        catch (Exception e)
        {
            // A bug: say so once, and leave the files to their own opens.
            if (!_loggedFailure)
                _log?.Invoke($"publishing ahead: nid {file.Nid}: {e.GetType().Name}: {e.Message}");
            _loggedFailure = true;
        }
    }
}
