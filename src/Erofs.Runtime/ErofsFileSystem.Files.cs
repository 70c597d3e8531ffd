using Erofs.Fuse;
using Erofs.Fuse.Abi;
using Erofs.Reading;

namespace Erofs.Runtime;

public sealed partial class ErofsFileSystem
{
    private const int AccessModeMask = 3;   // O_ACCMODE
    private const int Truncate = 0x200;     // O_TRUNC

    /// <inheritdoc />
    public int Lookup(in FuseContext context, ulong parent, ReadOnlySpan<byte> name, out FuseEntry entry)
    {
        entry = default;
        if (!TryInode(parent, out var directory, out int errno))
            return errno;
        if (directory.Kind != FileKind.Directory)
            return Errno.ENOTDIR;
        ulong childNid = 0;
        try
        {
            if (_image.Lookup(directory, name) is not { } found)
            {
                entry = FuseEntry.Negative(_options.CacheTimeout);
                return Errno.Ok;
            }
            childNid = found.Nid;
            entry = Remember(_image.GetInode(childNid), directory.Nid);
            return Errno.Ok;
        }
        catch (Exception e) when (IsImageFault(e))
        {
            return Damaged(childNid == 0 ? directory.Nid : childNid, e);
        }
    }

    /// <inheritdoc />
    public int ReadLink(in FuseContext context, ulong node, out byte[] target)
    {
        target = [];
        if (!TryInode(node, out var inode, out int errno))
            return errno;
        if (inode.Kind != FileKind.Symlink)
            return Errno.EINVAL;
        try
        {
            target = _image.ReadLinkBytes(inode);
            return Errno.Ok;
        }
        catch (Exception e) when (IsImageFault(e))
        {
            return Damaged(inode.Nid, e);
        }
    }

    /// <inheritdoc />
    public int Open(in FuseContext context, ulong node, int flags, out FuseOpenResult result)
    {
        result = default;
        if (!TryInode(node, out var inode, out int errno))
            return errno;
        if (inode.Kind != FileKind.Regular)
            return inode.Kind == FileKind.Directory ? Errno.EISDIR : Errno.EINVAL;
        if ((flags & AccessModeMask) != 0 || (flags & Truncate) != 0)
            return Errno.EROFS;
        if (_options.Sharing is { Active: true } sharing)
        {
            if (sharing.FirstOpenHashesLong(inode))
                return OpenLater(context, inode, sharing);
            result = OpenShared(inode, sharing, _nodes.TryParent(node, out ulong parent) ? parent : null);
            return Errno.Ok;
        }
        // Without sharing an open needs nothing from us: ENOSYS makes the kernel stop sending OPEN and
        // RELEASE (two round trips per open file) and keep the page cache, as KeepCache would.
        if (KernelOpensFiles)
            return Errno.ENOSYS;
        // The image never changes, so pages cached by earlier opens stay valid.
        result = new FuseOpenResult(0, FuseOpenFlags.KeepCache);
        return Errno.Ok;
    }

    /// <inheritdoc />
    public int Read(in FuseContext context, ulong node, ulong handle, long offset, Span<byte> destination, out int bytesRead)
    {
        bytesRead = 0;
        if (!TryInode(node, out var inode, out int errno))
            return errno;
        if (inode.Kind != FileKind.Regular)
            return Errno.EINVAL;
        try
        {
            // A short answer means end of file to the kernel: fill the span unless the file ends.
            while (bytesRead < destination.Length)
            {
                int n = _image.Read(inode, offset + bytesRead, destination[bytesRead..]);
                if (n <= 0)
                    break;
                bytesRead += n;
            }
            _options.Statistics.CountRead(bytesRead);
            return Errno.Ok;
        }
        catch (Exception e) when (IsImageFault(e))
        {
            bytesRead = 0;
            return Damaged(inode.Nid, e);
        }
    }

    // A positive entry for a child of `directory`; counts one lookup of its node.
    private FuseEntry Remember(InodeInfo inode, ulong directory)
    {
        ulong nodeId = _nodes.NodeIdOf(inode.Nid);
        var attributes = InodeAttributes.Of(inode, _image.BlockSize);
        _nodes.Remember(nodeId, inode, directory);
        return new FuseEntry(nodeId, attributes, _options.CacheTimeout, _options.CacheTimeout);
    }
}
