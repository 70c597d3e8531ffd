using System.Runtime.InteropServices;

namespace Erofs.Fuse.Abi;

/// <summary><c>struct fuse_attr</c>: 88 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Attr
{
    public ulong Ino;
    public ulong Size;
    public ulong Blocks;
    public ulong Atime;
    public ulong Mtime;
    public ulong Ctime;
    public uint AtimeNsec;
    public uint MtimeNsec;
    public uint CtimeNsec;
    public uint Mode;
    public uint Nlink;
    public uint Uid;
    public uint Gid;
    public uint Rdev;
    public uint BlkSize;
    public uint Flags;
}

/// <summary><c>struct fuse_entry_out</c>: 128 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct EntryOut
{
    public ulong NodeId;
    public ulong Generation;
    public ulong EntryValid;
    public ulong AttrValid;
    public uint EntryValidNsec;
    public uint AttrValidNsec;
    public Attr Attr;
}

/// <summary><c>struct fuse_attr_out</c>: 104 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct AttrOut
{
    public ulong AttrValid;
    public uint AttrValidNsec;
    public uint Dummy;
    public Attr Attr;
}

/// <summary><c>struct fuse_getattr_in</c>: 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GetattrIn
{
    /// <summary>FUSE_GETATTR_FH (1) when <see cref="Fh"/> is valid.</summary>
    public uint GetattrFlags;
    public uint Dummy;
    public ulong Fh;
}

/// <summary><c>struct fuse_kstatfs</c> (the whole of <c>fuse_statfs_out</c>): 80 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct KStatfs
{
    public ulong Blocks;
    public ulong Bfree;
    public ulong Bavail;
    public ulong Files;
    public ulong Ffree;
    public uint Bsize;
    public uint NameLen;
    public uint Frsize;
    public uint Padding;
    public fixed uint Spare[6];
}
