namespace Erofs.Fuse;

/// <summary>What <c>statfs</c> shows (<c>struct fuse_kstatfs</c>).</summary>
public readonly record struct FuseStatFs
{
    /// <summary>Total blocks of <see cref="FragmentSize"/> bytes.</summary>
    public ulong Blocks { get; init; }
    /// <summary>Free blocks.</summary>
    public ulong FreeBlocks { get; init; }
    /// <summary>Free blocks available to unprivileged users.</summary>
    public ulong AvailableBlocks { get; init; }
    /// <summary>Total inodes.</summary>
    public ulong Files { get; init; }
    /// <summary>Free inodes.</summary>
    public ulong FreeFiles { get; init; }
    /// <summary>Block size (f_bsize).</summary>
    public uint BlockSize { get; init; }
    /// <summary>Fragment size (f_frsize), the unit of the block counts.</summary>
    public uint FragmentSize { get; init; }
    /// <summary>Longest file name.</summary>
    public uint MaxNameLength { get; init; }
}
