using Erofs.Fuse;
using Erofs.Reading;

namespace Erofs.Runtime;

/// <summary>What stat shows of an inode, as the kernel's EROFS shows it: st_ino is the nid, every time is the mtime.</summary>
internal static class InodeAttributes
{
    public static FuseAttributes Of(InodeInfo inode, int blockSize)
    {
        bool device = inode.Kind is FileKind.CharacterDevice or FileKind.BlockDevice;
        ulong blocks = (inode.Size + (ulong)blockSize - 1) / (ulong)blockSize * (ulong)(blockSize / 512);
        return new FuseAttributes
        {
            Ino = inode.Nid,
            Size = inode.Size,
            Blocks = blocks,
            AtimeSeconds = inode.MtimeSeconds,
            AtimeNanoseconds = inode.MtimeNanoseconds,
            MtimeSeconds = inode.MtimeSeconds,
            MtimeNanoseconds = inode.MtimeNanoseconds,
            CtimeSeconds = inode.MtimeSeconds,
            CtimeNanoseconds = inode.MtimeNanoseconds,
            Mode = inode.Mode,
            Nlink = inode.Nlink,
            Uid = inode.Uid,
            Gid = inode.Gid,
            Rdev = device ? inode.Rdev : 0,
            BlockSize = (uint)blockSize,
        };
    }

    /// <summary>DT_* of an EROFS dirent file type (EROFS_FT_*); 0 (DT_UNKNOWN) for unknown codes.</summary>
    public static uint DirentType(byte erofsFileType) => FileModes.KindOfDirentType(erofsFileType) switch
    {
        FileKind.Regular => 8,
        FileKind.Directory => 4,
        FileKind.CharacterDevice => 2,
        FileKind.BlockDevice => 6,
        FileKind.Fifo => 1,
        FileKind.Socket => 12,
        FileKind.Symlink => 10,
        _ => 0,
    };
}
