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
        try
        {
            ulong handle = _directories.Add(DirectoryListing.Load(_image, inode));
            result = new FuseOpenResult(handle, FuseOpenFlags.KeepCache | FuseOpenFlags.CacheDir);
            return Errno.Ok;
        }
        catch (Exception e) when (IsImageFault(e))
        {
            return Damaged(inode.Nid, e);
        }
    }

    /// <inheritdoc />
    public int ReadDirectory(in FuseContext context, ulong node, ulong handle, long offset, ref FuseDirectoryBuffer buffer)
    {
        if (_directories.Get(handle) is not { } listing)
            return Errno.EBADF;
        var entries = listing.Entries;
        for (long i = offset; i < entries.Count; i++)
        {
            var entry = entries[(int)i];
            if (!FuseDirectoryBuffer.IsValidName(entry.NameBytes))
                continue; // the kernel would fail the whole listing on it; a lookup cannot reach it either
            bool added = buffer.IsPlus && !entry.IsDotOrDotDot
                ? AddWithAttributes(ref buffer, entry, i + 1)
                : buffer.TryAdd(entry.NameBytes, entry.Nid, InodeAttributes.DirentType(entry.FileType), i + 1);
            if (!added)
                break;
        }
        return Errno.Ok;
    }

    /// <inheritdoc />
    public void ReleaseDirectory(in FuseContext context, ulong node, ulong handle) => _directories.Remove(handle);

    // READDIRPLUS: the entry with its node and attributes; a damaged child is listed without them.
    private bool AddWithAttributes(ref FuseDirectoryBuffer buffer, DirectoryEntry entry, long next)
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
        _nodes.Remember(nodeId, child);
        return true;
    }
}
