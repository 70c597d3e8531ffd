using Erofs.Runtime.Store;

namespace Erofs.Runtime.Sharing;

/// <summary>
/// One resource per key, made at the first <see cref="Acquire"/> and disposed after the matching last
/// <see cref="Release"/>: the daemon's table of leased objects and their backing ids, counted per open
/// file. Acquisitions of one key are serialized (the second waits for the first to finish making the
/// resource); different keys proceed in parallel.
/// </summary>
/// <remarks>
/// With a linger time, a resource whose last reference went stays <em>idle</em> for that long (at most
/// <c>maxIdle</c> of them, oldest disposed first) and an acquisition meanwhile takes it back without
/// making it again: reopening a file read moments ago then costs no store work. A callback hears of
/// each resource that becomes idle.
/// </remarks>
internal sealed class RefCountedTable<TKey, TResource> : IDisposable
    where TKey : notnull
    where TResource : class, IDisposable
{
    private readonly Dictionary<TKey, Slot> _slots = [];
    private readonly LinkedList<Slot> _idle = new();   // oldest first
    private readonly long _lingerMs;
    private readonly int _maxIdle;
    private readonly Action<TResource>? _becameIdle;
    private readonly Timer? _reaper;

    /// <summary>A table that disposes each resource at its last release.</summary>
    public RefCountedTable()
        : this(TimeSpan.Zero, 0)
    {
    }

    /// <summary>
    /// A table that keeps up to <paramref name="maxIdle"/> unreferenced resources for <paramref name="linger"/>,
    /// calling <paramref name="becameIdle"/> (outside its locks) for each one it keeps.
    /// </summary>
    public RefCountedTable(TimeSpan linger, int maxIdle, Action<TResource>? becameIdle = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxIdle);
        _lingerMs = maxIdle == 0 ? 0 : (long)linger.TotalMilliseconds;
        _maxIdle = maxIdle;
        _becameIdle = becameIdle;
        if (_lingerMs > 0)
        {
            var period = TimeSpan.FromMilliseconds(Math.Clamp(_lingerMs / 4, 10, 1000));
            _reaper = new Timer(_ => DisposeIdle(expiredOnly: true), null, period, period);
        }
    }

    /// <summary>Keys with at least one reference.</summary>
    public int Count
    {
        get
        {
            lock (_slots)
                return _slots.Values.Count(s => s.References > 0);
        }
    }

    /// <summary>Resources kept with no reference, waiting for a reuse or their linger time to end.</summary>
    public int IdleCount
    {
        get
        {
            lock (_slots)
                return _idle.Count;
        }
    }

    /// <summary>References held on <paramref name="key"/>.</summary>
    public int References(TKey key)
    {
        lock (_slots)
            return _slots.TryGetValue(key, out var slot) ? slot.References : 0;
    }

    /// <summary>
    /// Takes a reference on <paramref name="key"/>, making its resource with <paramref name="make"/> when
    /// there is none (an idle one is taken back). When <paramref name="make"/> throws, no reference is
    /// taken and the exception propagates.
    /// </summary>
    public TResource Acquire(TKey key, Func<TKey, TResource> make)
    {
        Slot slot;
        lock (_slots)
        {
            if (!_slots.TryGetValue(key, out slot!))
                _slots[key] = slot = new Slot(key);
            Unpark(slot);
            slot.Pending++;
        }
        try
        {
            lock (slot)
            {
                slot.Resource ??= make(key);
                lock (_slots)
                    slot.References++;
                return slot.Resource;
            }
        }
        finally
        {
            lock (_slots)
                slot.Pending--;
        }
    }

    /// <summary>Drops a reference; after the last one the resource lingers or is disposed. False when the key held none.</summary>
    public bool Release(TKey key)
    {
        Slot? slot;
        lock (_slots)
        {
            if (!_slots.TryGetValue(key, out slot) || slot.References == 0)
                return false;
        }
        List<TResource> disposals = [];
        TResource? parked = null;
        lock (slot)
        {
            lock (_slots)
            {
                if (slot.References == 0)
                    return false;
                if (--slot.References == 0 && slot.Pending == 0)
                {
                    // Pending > 0: an acquirer is waiting for this slot and takes the resource as it is.
                    if (_lingerMs > 0)
                        parked = Park(slot, disposals);
                    else
                        Take(slot, disposals);
                }
            }
        }
        if (parked is not null)
            _becameIdle?.Invoke(parked);
        DisposeAll(disposals);
        return true;
    }

    /// <summary>Disposes every resource, whatever its count (the mount is gone).</summary>
    public void Clear()
    {
        List<Slot> all;
        lock (_slots)
        {
            all = [.. _slots.Values];
            _slots.Clear();
            _idle.Clear();
        }
        foreach (var slot in all)
        {
            lock (slot)
            {
                slot.Resource?.Dispose();
                slot.Resource = null;
                slot.References = 0;
                slot.IdleNode = null;
            }
        }
    }

    /// <summary>Stops the linger timer and disposes every resource.</summary>
    public void Dispose()
    {
        _reaper?.Dispose();
        Clear();
    }

    /// <summary>Disposes idle resources now: all of them, or those whose linger time is over.</summary>
    public void DisposeIdle(bool expiredOnly = false)
    {
        List<TResource> disposals = [];
        lock (_slots)
        {
            long now = Environment.TickCount64;
            while (_idle.First is { } oldest && (!expiredOnly || now - oldest.Value.IdleSince >= _lingerMs))
                Take(oldest.Value, disposals);
        }
        DisposeAll(disposals);
    }

    // Under the table lock, with no reference and no acquirer.
    private TResource? Park(Slot slot, List<TResource> disposals)
    {
        var resource = slot.Resource;
        slot.IdleSince = Environment.TickCount64;
        slot.IdleNode = _idle.AddLast(slot);
        if (_idle.Count > _maxIdle)
            Take(_idle.First!.Value, disposals);
        return resource;
    }

    private void Unpark(Slot slot)
    {
        if (slot.IdleNode is not { } node)
            return;
        _idle.Remove(node);
        slot.IdleNode = null;
    }

    // Under the table lock: removes an unreferenced slot, handing its resource to the caller to dispose
    // outside the lock. No acquirer can reach the slot afterwards (they find it only through the table).
    private void Take(Slot slot, List<TResource> disposals)
    {
        Unpark(slot);
        _slots.Remove(slot.Key);
        if (slot.Resource is { } resource)
            disposals.Add(resource);
        slot.Resource = null;
    }

    private static void DisposeAll(List<TResource> resources)
    {
        foreach (var resource in resources)
            resource.Dispose();
    }

    private sealed class Slot(TKey key)
    {
        public readonly TKey Key = key;
        public TResource? Resource;
        public int References;
        public int Pending;
        public long IdleSince;
        public LinkedListNode<Slot>? IdleNode;
    }
}
