namespace Erofs.Reading;

/// <summary>
/// Caps on sizes, counts and depths taken from untrusted image fields. The defaults accept every
/// image mkfs.erofs can make and bound what a hostile one can cost; exceeding a limit is an
/// <see cref="ErofsContentException"/> naming the limit and where it was hit.
/// </summary>
public sealed record ReadLimits
{
    /// <summary>Largest name the format allows (EROFS_NAME_LEN).</summary>
    public const int FormatMaxNameLength = 255;

    /// <summary>Largest physical cluster the format allows (Z_EROFS_PCLUSTER_MAX_SIZE).</summary>
    public const int FormatMaxPclusterBytes = 1 << 20;

    /// <summary>The defaults: generous for real images, bounded for hostile ones.</summary>
    public static ReadLimits Default { get; } = new();

    /// <summary>
    /// Deepest directory nesting walked by fsck, extract and dump (the root is depth 0): fsck and
    /// extract read directories shallower than this, dump's statistics those at this depth too (<see cref="DepthLimitMode"/>).
    /// </summary>
    public int MaxDirectoryDepth { get; init; } = 4096;

    /// <summary>Longest directory entry name in bytes; at most <see cref="FormatMaxNameLength"/>.</summary>
    public int MaxNameLength { get; init; } = FormatMaxNameLength;

    /// <summary>Longest symlink target read (PATH_MAX).</summary>
    public int MaxSymlinkLength { get; init; } = 4096;

    /// <summary>Most xattrs decoded for one inode (shared and inline together).</summary>
    public int MaxXattrsPerInode { get; init; } = 65536;

    /// <summary>Most bytes of xattr names and values decoded for one inode (shared and inline together).</summary>
    public int MaxXattrBytesPerInode { get; init; } = 4 << 20;

    /// <summary>
    /// Most bytes the decompressors may produce for one read call beyond the bytes it returns: a read
    /// must decode the whole extents it touches, so a 4 KiB read of a file with 12 MiB extents decodes up
    /// to two of them. Caps what one FUSE request or library read can cost. Valid images need at most
    /// 24 MiB (two extents of Z_EROFS_PCLUSTER_MAX_DSIZE).
    /// </summary>
    public long MaxDecompressedBytesPerRead { get; init; } = 32L << 20;

    /// <summary>Largest compressed physical cluster read; at most <see cref="FormatMaxPclusterBytes"/>.</summary>
    public int MaxPclusterBytes { get; init; } = FormatMaxPclusterBytes;

    /// <summary>The name limit actually applied (never above the format's 255).</summary>
    internal int EffectiveMaxNameLength => Math.Clamp(MaxNameLength, 1, FormatMaxNameLength);

    /// <summary>The pcluster limit actually applied (never above the format's 1 MiB).</summary>
    internal int EffectiveMaxPclusterBytes => Math.Clamp(MaxPclusterBytes, 1, FormatMaxPclusterBytes);
}
