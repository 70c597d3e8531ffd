namespace Erofs.Runtime.Sharing;

/// <summary>
/// One resource per key, made at the first <see cref="Acquire"/> and disposed at the matching last
/// <see cref="Release"/>: the daemon's table of leased objects and their backing ids, counted per open
/// file. Acquisitions of one key are serialized (the second waits for the first to finish making the
/// resource); different keys proceed in parallel.
/// </summary>
internal sealed class RefCountedTable<TKey, TResource>
    where TKey : notnull
    where TResource : class, IDisposable
{
    private readonly Dictionary<TKey, Slot> _slots = [];

    /// <summary>Keys with at least one reference.</summary>
    public int Count
    {
        get
        {
            lock (_slots)
                return _slots.Values.Count(s => s.References > 0);
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
    /// there is none. When <paramref name="make"/> throws, no reference is taken and the exception propagates.
    /// </summary>
    public TResource Acquire(TKey key, Func<TKey, TResource> make)
    {
        Slot slot;
        lock (_slots)
        {
            if (!_slots.TryGetValue(key, out slot!))
                _slots[key] = slot = new Slot();
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

    /// <summary>Drops a reference; the last one disposes the resource. False when the key held none.</summary>
    public bool Release(TKey key)
    {
        Slot? slot;
        lock (_slots)
        {
            if (!_slots.TryGetValue(key, out slot) || slot.References == 0)
                return false;
        }
        lock (slot)
        {
            TResource? last = null;
            lock (_slots)
            {
                if (slot.References == 0)
                    return false;
                if (--slot.References == 0)
                {
                    last = slot.Resource;
                    slot.Resource = null;
                    if (slot.Pending == 0)
                        _slots.Remove(key);
                }
            }
            last?.Dispose();
            return true;
        }
    }

    /// <summary>Disposes every resource, whatever its count (the mount is gone).</summary>
    public void Clear()
    {
        List<Slot> all;
        lock (_slots)
        {
            all = [.. _slots.Values];
            _slots.Clear();
        }
        foreach (var slot in all)
        {
            lock (slot)
            {
                slot.Resource?.Dispose();
                slot.Resource = null;
                slot.References = 0;
            }
        }
    }

    private sealed class Slot
    {
        public TResource? Resource;
        public int References;
        public int Pending;
    }
}
