using Erofs.Fuse;
using Erofs.Reading;

namespace Erofs.Runtime;

/// <summary>access(2) against an inode's mode bits, as the kernel's generic check does without ACLs.</summary>
internal static class AccessCheck
{
    private const int WriteOk = 2;
    private const int ExecuteOk = 1;

    public static int Check(InodeInfo inode, uint uid, uint gid, int mask)
    {
        if ((mask & WriteOk) != 0)
            return Errno.EROFS;
        int wanted = mask & 7;
        if (uid == 0)
        {
            // Root passes everything except executing a file nobody may execute.
            bool anyExecute = (inode.Mode & 0x49) != 0 || inode.Kind == FileKind.Directory;
            return (wanted & ExecuteOk) == 0 || anyExecute ? Errno.Ok : Errno.EACCES;
        }
        int shift = uid == inode.Uid ? 6 : gid == inode.Gid ? 3 : 0;
        int granted = (inode.Mode >> shift) & 7;
        return (granted & wanted) == wanted ? Errno.Ok : Errno.EACCES;
    }
}
