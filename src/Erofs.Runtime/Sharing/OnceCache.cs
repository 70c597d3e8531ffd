using System.Collections.Concurrent;

using Erofs.Runtime.Store;

namespace Erofs.Runtime.Sharing;

/// <summary>
/// Values computed at most once per key, also under concurrent first requests (the others wait for the
/// one computing): the per-file decision of a mount (shared or private), fixed once made. A computation
/// that throws is not remembered, so the next request tries again.
/// </summary>
internal sealed class OnceCache<TKey, TValue>
    where TKey : notnull
    where TValue : class
{
    private readonly ConcurrentDictionary<TKey, Cell> _cells = new();

    /// <summary>Values decided so far.</summary>
    public int Count => _cells.Values.Count(cell => cell.Done);

    /// <summary>The value of <paramref name="key"/>, computed by <paramref name="compute"/> if no one did yet.</summary>
    public TValue Get(TKey key, Func<TKey, TValue> compute)
    {
        var cell = _cells.GetOrAdd(key, _ => new Cell());
        if (cell.Done)
            return cell.Value;
        lock (cell)
        {
            if (!cell.Done)
            {
                cell.Value = compute(key);
                cell.Done = true;
            }
            return cell.Value;
        }
    }

    /// <summary>
    /// Like <see cref="Get"/>, except that <paramref name="compute"/> may decline by returning null: nothing is
    /// remembered then (null is returned, and the next request computes again).
    /// </summary>
    public TValue? GetUnlessDeclined(TKey key, Func<TKey, TValue?> compute)
    {
        var cell = _cells.GetOrAdd(key, _ => new Cell());
        if (cell.Done)
            return cell.Value;
        lock (cell)
        {
            if (cell.Done)
                return cell.Value;
            if (compute(key) is not { } value)
                return null;
            cell.Value = value;
            cell.Done = true;
            return value;
        }
    }

    /// <summary>The value of <paramref name="key"/> when it was decided.</summary>
    public bool TryGet(TKey key, out TValue value)
    {
        if (_cells.TryGetValue(key, out var cell) && cell.Done)
        {
            value = cell.Value;
            return true;
        }
        value = default!;
        return false;
    }

    private sealed class Cell
    {
        public volatile bool Done;
        public TValue Value = default!;
    }
}
