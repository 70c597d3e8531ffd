using System.Runtime.InteropServices;

namespace Erofs.Fuse.Abi;

/// <summary><c>struct fuse_open_in</c> (OPEN and OPENDIR): 8 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OpenIn
{
    /// <summary>The open(2) flags.</summary>
    public uint Flags;
    public uint OpenFlags;
}

/// <summary><c>struct fuse_open_out</c>: 16 bytes; <see cref="BackingId"/> since 7.40.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OpenOut
{
    public ulong Fh;
    public uint OpenFlags;
    public int BackingId;
}

/// <summary><c>struct fuse_read_in</c> (READ, READDIR, READDIRPLUS): 40 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ReadIn
{
    public ulong Fh;
    public ulong Offset;
    public uint Size;
    public uint ReadFlags;
    public ulong LockOwner;
    public uint Flags;
    public uint Padding;
}

/// <summary><c>struct fuse_release_in</c> (RELEASE, RELEASEDIR): 24 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ReleaseIn
{
    public ulong Fh;
    public uint Flags;
    public uint ReleaseFlags;
    public ulong LockOwner;
}

/// <summary><c>struct fuse_flush_in</c>: 24 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FlushIn
{
    public ulong Fh;
    public uint Unused;
    public uint Padding;
    public ulong LockOwner;
}

/// <summary><c>struct fuse_dirent</c> without its name: 24 bytes, the name follows, padded to 8.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DirentHeader
{
    public ulong Ino;
    /// <summary>The offset of the next entry, given back in the next READDIR.</summary>
    public ulong Off;
    public uint NameLen;
    /// <summary>DT_* type (mode &gt;&gt; 12).</summary>
    public uint Type;
}

/// <summary><c>struct fuse_backing_map</c> for FUSE_DEV_IOC_BACKING_OPEN: 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct BackingMap
{
    public int Fd;
    public uint Flags;
    public ulong Padding;
}
