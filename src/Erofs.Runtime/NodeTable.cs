using Erofs.Reading;

namespace Erofs.Runtime;

/// <summary>
/// Node ids of an image and the inodes the kernel holds lookups on. Node ids are derived from nids,
/// so they are stable and hard links share one: the root is FUSE's node 1, any other nid is nid + 2
/// (0 is invalid and 1 is the root). Inodes with live lookups stay decoded here until forgotten.
/// </summary>
internal sealed class NodeTable(ErofsImage image)
{
    /// <summary>FUSE_ROOT_ID.</summary>
    public const ulong RootNodeId = 1;

    private const ulong Offset = 2;

    private readonly Dictionary<ulong, Entry> _entries = [];
    private readonly Lock _lock = new();

    /// <summary>Number of nodes the kernel currently holds lookups on.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
                return _entries.Count;
        }
    }

    /// <summary>The node id of <paramref name="nid"/>.</summary>
    /// <exception cref="ErofsContentException">The nid is too large to map (a hostile image).</exception>
    public ulong NodeIdOf(ulong nid)
    {
        if (nid == image.Root.Nid)
            return RootNodeId;
        if (nid > ulong.MaxValue - Offset)
            throw new ErofsContentException($"nid {nid} is out of range", nid);
        return nid + Offset;
    }

    /// <summary>The nid behind <paramref name="nodeId"/>; false for ids never handed out (0, or the alias of the root).</summary>
    public bool TryNidOf(ulong nodeId, out ulong nid)
    {
        nid = nodeId == RootNodeId ? image.Root.Nid : nodeId - Offset;
        return nodeId == RootNodeId || (nodeId >= Offset && nid != image.Root.Nid);
    }

    /// <summary>The inode of a node: remembered, or decoded again (the image never changes).</summary>
    /// <exception cref="ErofsContentException">The inode is damaged.</exception>
    /// <exception cref="KeyNotFoundException">The node id was never handed out.</exception>
    public InodeInfo Inode(ulong nodeId)
    {
        if (nodeId == RootNodeId)
            return image.Root;
        lock (_lock)
        {
            if (_entries.TryGetValue(nodeId, out var entry))
                return entry.Inode;
        }
        if (!TryNidOf(nodeId, out ulong nid))
            throw new KeyNotFoundException($"node {nodeId} was never handed out");
        return image.GetInode(nid);
    }

    /// <summary>
    /// Counts one lookup of <paramref name="nodeId"/> (a LOOKUP reply or a READDIRPLUS entry), found in the
    /// directory <paramref name="parent"/> (a nid; for a hard link, the directory it was last found in).
    /// </summary>
    public void Remember(ulong nodeId, InodeInfo inode, ulong parent)
    {
        if (nodeId == RootNodeId)
            return;
        lock (_lock)
        {
            if (!_entries.TryGetValue(nodeId, out var entry))
                _entries[nodeId] = entry = new Entry(inode);
            entry.Lookups++;
            entry.Parent = parent;
        }
    }

    /// <summary>The directory (nid) a node the kernel holds was last found in; false for the root or a node not held.</summary>
    public bool TryParent(ulong nodeId, out ulong parent)
    {
        lock (_lock)
        {
            bool held = _entries.TryGetValue(nodeId, out var entry);
            parent = held ? entry!.Parent : 0;
            return held;
        }
    }

    /// <summary>Drops <paramref name="count"/> lookups (FORGET); the inode is released at zero.</summary>
    public void Forget(ulong nodeId, ulong count)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(nodeId, out var entry))
                return;
            entry.Lookups = count >= entry.Lookups ? 0 : entry.Lookups - count;
            if (entry.Lookups == 0)
                _entries.Remove(nodeId);
        }
    }

    private sealed class Entry(InodeInfo inode)
    {
        public InodeInfo Inode { get; } = inode;

        public ulong Lookups { get; set; }

        public ulong Parent { get; set; }
    }
}
