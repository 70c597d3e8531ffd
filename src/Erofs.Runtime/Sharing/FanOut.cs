using System.Collections.Concurrent;

namespace Erofs.Runtime.Sharing;

/// <summary>
/// The 256 fan-out directories (<c>ab/</c>) below <c>objects/</c> or <c>used/</c>, each opened and checked
/// once, by descriptor from its parent, and kept open with the store.
/// </summary>
internal sealed class FanOut(StoreDirectory parent) : IDisposable
{
    private readonly ConcurrentDictionary<string, StoreDirectory> _opened = new(StringComparer.Ordinal);
    private readonly Lock _opening = new();

    /// <summary>The directory <paramref name="prefix"/>, created when missing and <paramref name="create"/>; else null when missing.</summary>
    /// <exception cref="IOException">It is a symlink, not a directory, or changeable by another user.</exception>
    public StoreDirectory? Get(string prefix, bool create)
    {
        if (_opened.TryGetValue(prefix, out var directory))
            return directory;
        lock (_opening)
        {
            if (_opened.TryGetValue(prefix, out directory))
                return directory;
            directory = parent.OpenChild(prefix, create);
            if (directory is not null)
                _opened[prefix] = directory;
            return directory;
        }
    }

    public void Dispose()
    {
        lock (_opening)
        {
            foreach (var directory in _opened.Values)
                directory.Dispose();
            _opened.Clear();
        }
    }
}
