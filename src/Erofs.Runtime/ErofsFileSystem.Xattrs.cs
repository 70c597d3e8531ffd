using Erofs.Fuse;
using Erofs.Reading;

namespace Erofs.Runtime;

public sealed partial class ErofsFileSystem
{
    private const string TrustedPrefix = "trusted.";

    /// <inheritdoc />
    public int GetXattr(in FuseContext context, ulong node, string name, out byte[] value)
    {
        value = [];
        if (!TryXattrs(node, out var xattrs, out int errno))
            return errno;
        // Hidden entries (no namespace, such as the default fingerprint) do not exist for readers, as in the kernel.
        foreach (var x in xattrs)
        {
            if (!x.IsHidden && x.Name == name)
            {
                value = x.Value;
                return Errno.Ok;
            }
        }
        return Errno.ENODATA;
    }

    /// <inheritdoc />
    public int ListXattr(in FuseContext context, ulong node, out IReadOnlyList<string> names)
    {
        names = [];
        if (!TryXattrs(node, out var xattrs, out int errno))
            return errno;
        // As the kernel lists trusted.* only to CAP_SYS_ADMIN, list it only to root.
        bool privileged = context.Uid == 0;
        names = [.. xattrs.Where(x => !x.IsHidden && (privileged || !x.Name.StartsWith(TrustedPrefix, StringComparison.Ordinal))).Select(x => x.Name)];
        return Errno.Ok;
    }

    private bool TryXattrs(ulong node, out IReadOnlyList<XattrEntry> xattrs, out int errno)
    {
        xattrs = [];
        if (!TryInode(node, out var inode, out errno))
            return false;
        try
        {
            xattrs = _image.ListXattrs(inode);
            return true;
        }
        catch (Exception e) when (IsImageFault(e))
        {
            errno = Damaged(inode.Nid, e);
            return false;
        }
    }
}
