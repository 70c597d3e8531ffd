using Erofs.Reading;

namespace Erofs.Runtime;

/// <summary>
/// The most recently listed directories, by nid. READDIR carries no handle of ours (the kernel opens
/// directories itself), so a listing paged through in several requests is read once, not once per page.
/// </summary>
internal sealed class DirectoryListingCache(ErofsImage image, int capacity)
{
    private readonly Dictionary<ulong, LinkedListNode<DirectoryListing>> _byNid = [];
    private readonly LinkedList<DirectoryListing> _recency = new();

    /// <summary>Directories held now (at most the capacity).</summary>
    public int Count
    {
        get
        {
            lock (_byNid)
                return _byNid.Count;
        }
    }

    /// <summary>The listing of <paramref name="directory"/>, read from the image when not cached.</summary>
    /// <exception cref="ErofsContentException">The directory is damaged.</exception>
    public DirectoryListing Get(InodeInfo directory)
    {
        lock (_byNid)
        {
            if (_byNid.TryGetValue(directory.Nid, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                return node.Value;
            }
        }
        // Read outside the lock: two requests for one uncached directory may both read it, which is harmless.
        var listing = DirectoryListing.Load(image, directory);
        lock (_byNid)
        {
            if (_byNid.ContainsKey(directory.Nid))
                return listing;
            _byNid[directory.Nid] = _recency.AddFirst(listing);
            if (_byNid.Count > capacity)
            {
                _byNid.Remove(_recency.Last!.Value.Directory.Nid);
                _recency.RemoveLast();
            }
        }
        return listing;
    }
}
