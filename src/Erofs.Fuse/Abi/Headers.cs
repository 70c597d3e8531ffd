using System.Runtime.InteropServices;

namespace Erofs.Fuse.Abi;

// Layouts of include/uapi/linux/fuse.h (protocol 7.45); every struct is little-endian host order
// and padded to 8 bytes by the kernel, so Sequential layout gives the same offsets.

/// <summary><c>struct fuse_in_header</c>: 40 bytes at the start of every request.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct InHeader
{
    public uint Len;
    public uint Opcode;
    public ulong Unique;
    public ulong NodeId;
    public uint Uid;
    public uint Gid;
    public uint Pid;
    /// <summary>Length of request extensions at the end, in 8-byte units (7.38+).</summary>
    public ushort TotalExtLen;
    public ushort Padding;
}

/// <summary><c>struct fuse_out_header</c>: 16 bytes at the start of every reply.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OutHeader
{
    public uint Len;
    /// <summary>0 or a negated errno.</summary>
    public int Error;
    public ulong Unique;
}
