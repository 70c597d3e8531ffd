using System.Collections.Concurrent;

namespace Erofs.Runtime;

/// <summary>Open handles (the fh of FUSE requests) mapped to their state; ids start at 1 and are never reused.</summary>
internal sealed class HandleTable<T>
    where T : class
{
    private readonly ConcurrentDictionary<ulong, T> _items = new();
    private long _next;

    /// <summary>Number of open handles.</summary>
    public int Count => _items.Count;

    /// <summary>Stores <paramref name="item"/> under a new handle.</summary>
    public ulong Add(T item)
    {
        ulong handle = (ulong)Interlocked.Increment(ref _next);
        _items[handle] = item;
        return handle;
    }

    /// <summary>The state of a handle, or null when it is not open.</summary>
    public T? Get(ulong handle) => _items.GetValueOrDefault(handle);

    /// <summary>Closes a handle.</summary>
    public void Remove(ulong handle) => _items.TryRemove(handle, out _);
}
