namespace Erofs.Fuse;

/// <summary>What <c>stat</c> shows of a node (<c>struct fuse_attr</c>).</summary>
public readonly record struct FuseAttributes
{
    /// <summary>Inode number shown as st_ino (independent of the node id).</summary>
    public ulong Ino { get; init; }
    /// <summary>Size in bytes.</summary>
    public ulong Size { get; init; }
    /// <summary>Allocated 512-byte blocks.</summary>
    public ulong Blocks { get; init; }
    /// <summary>Access time, seconds since the epoch.</summary>
    public long AtimeSeconds { get; init; }
    /// <summary>Nanoseconds of the access time.</summary>
    public uint AtimeNanoseconds { get; init; }
    /// <summary>Modification time, seconds since the epoch.</summary>
    public long MtimeSeconds { get; init; }
    /// <summary>Nanoseconds of the modification time.</summary>
    public uint MtimeNanoseconds { get; init; }
    /// <summary>Status change time, seconds since the epoch.</summary>
    public long CtimeSeconds { get; init; }
    /// <summary>Nanoseconds of the change time.</summary>
    public uint CtimeNanoseconds { get; init; }
    /// <summary>Type and permission bits (st_mode).</summary>
    public uint Mode { get; init; }
    /// <summary>Hard link count.</summary>
    public uint Nlink { get; init; }
    /// <summary>Owner.</summary>
    public uint Uid { get; init; }
    /// <summary>Group.</summary>
    public uint Gid { get; init; }
    /// <summary>Device number of character and block devices, in the kernel's new encoding.</summary>
    public uint Rdev { get; init; }
    /// <summary>Preferred I/O size (st_blksize).</summary>
    public uint BlockSize { get; init; }

    /// <summary>The DT_* directory entry type of <see cref="Mode"/> (its S_IFMT bits shifted down).</summary>
    public uint DirentType => (Mode >> 12) & 0xF;
}
