using Erofs.Fuse;
using Erofs.Fuse.Abi;
using Erofs.Reading;

namespace Erofs.Runtime;

public sealed partial class ErofsFileSystem
{
    /// <inheritdoc />
    public int OpenDirectory(in FuseContext context, ulong node, int flags, out FuseOpenResult result)
    {
        result = default;
        if (!TryInode(node, out var inode, out int errno))
            return errno;
        if (inode.Kind != FileKind.Directory)
            return Errno.ENOTDIR;
        // A directory open needs nothing from us: ENOSYS makes the kernel stop sending OPENDIR and
        // RELEASEDIR (two round trips per directory walked) and cache listings, as CacheDir would.
        if (Connection is { } connection && (connection.Offered & FuseInitFlags.NoOpendirSupport) != 0)
            return Errno.ENOSYS;
        result = new FuseOpenResult(0, FuseOpenFlags.KeepCache | FuseOpenFlags.CacheDir);
        return Errno.Ok;
    }

    /// <inheritdoc />
    public int ReadDirectory(in FuseContext context, ulong node, ulong handle, long offset, ref FuseDirectoryBuffer buffer)
    {
        if (!TryInode(node, out var inode, out int errno))
            return errno;
        if (inode.Kind != FileKind.Directory)
            return Errno.ENOTDIR;
        DirectoryListing listing;
        try
        {
            listing = _listings.Get(inode);
        }
        catch (Exception e) when (IsImageFault(e))
        {
            return Damaged(inode.Nid, e);
        }
        var entries = listing.Entries;
        for (long i = offset; i < entries.Count; i++)
        {
            var entry = entries[(int)i];
            if (!FuseDirectoryBuffer.IsValidName(entry.NameBytes))
                continue; // the kernel would fail the whole listing on it; a lookup cannot reach it either
            bool added = buffer.IsPlus && !entry.IsDotOrDotDot
                ? AddWithAttributes(ref buffer, inode.Nid, entry, i + 1)
                : buffer.TryAdd(entry.NameBytes, entry.Nid, InodeAttributes.DirentType(entry.FileType), i + 1);
            if (!added)
                break;
        }
        return Errno.Ok;
    }

    // READDIRPLUS: the entry with its node and attributes; a damaged child is listed without them.
    private bool AddWithAttributes(ref FuseDirectoryBuffer buffer, ulong directory, DirectoryEntry entry, long next)
    {
        InodeInfo child;
        ulong nodeId;
        try
        {
            child = _image.GetInode(entry.Nid);
            nodeId = _nodes.NodeIdOf(child.Nid);
        }
        catch (Exception e) when (IsImageFault(e))
        {
            Damaged(entry.Nid, e);
            return buffer.TryAdd(entry.NameBytes, entry.Nid, InodeAttributes.DirentType(entry.FileType), next);
        }
        var attributes = InodeAttributes.Of(child, _image.BlockSize);
        var fuseEntry = new FuseEntry(nodeId, attributes, _options.CacheTimeout, _options.CacheTimeout);
        if (!buffer.TryAddPlus(entry.NameBytes, fuseEntry, next))
            return false;
        _nodes.Remember(nodeId, child, directory);
        return true;
    }
}
