using Erofs.Format;

namespace Erofs.Building.Compressed;

/// <summary>
/// How a compressed inode's indexes are written: the block size, full (datalayout 1, <c>-E legacy-compress</c>,
/// dedupe) or compact (datalayout 3) indexes, and whether the image has big pclusters. Lclusters are
/// one block, as mkfs.erofs always makes them.
/// </summary>
internal sealed record ZIndexFormat
{
    /// <summary>Largest lcluster size (log2) compact indexes can describe.</summary>
    public const int MaxCompactLclusterBits = 14;
    /// <summary>Largest lcluster size (log2) of the 2-byte compact packs.</summary>
    public const int MaxCompact2BLclusterBits = 12;

    /// <param name="blockSizeBits">log2 of the block size (9..16).</param>
    /// <param name="layout"><see cref="InodeLayout.CompressedFull"/> or <see cref="InodeLayout.CompressedCompact"/>.</param>
    /// <param name="bigPclusters">
    /// The image has big pclusters (superblock bit 0x2, which mkfs also sets with any compression
    /// configuration record): advise BIG_PCLUSTER_1 (and _2 with compact indexes), and every extent
    /// crossing an lcluster boundary records its block count (CBLKCNT) in its first NONHEAD.
    /// </param>
    public ZIndexFormat(int blockSizeBits, InodeLayout layout, bool bigPclusters)
    {
        if (blockSizeBits is < 9 or > 16)
            throw new ArgumentOutOfRangeException(nameof(blockSizeBits), blockSizeBits, "block size bits must be 9..16");
        if (layout is not (InodeLayout.CompressedFull or InodeLayout.CompressedCompact))
            throw new ArgumentOutOfRangeException(nameof(layout), layout, "not a compressed inode layout");
        if (layout == InodeLayout.CompressedCompact && blockSizeBits > MaxCompactLclusterBits)
            throw new ArgumentException($"compact indexes need lclusters of at most {1 << MaxCompactLclusterBits} bytes, not {1 << blockSizeBits}", nameof(layout));
        BlockSizeBits = blockSizeBits;
        Layout = layout;
        BigPclusters = bigPclusters;
    }

    /// <summary>log2 of the block size.</summary>
    public int BlockSizeBits { get; }
    /// <summary>The inode's data layout.</summary>
    public InodeLayout Layout { get; }
    /// <summary>The image has big pclusters (see the constructor).</summary>
    public bool BigPclusters { get; }

    /// <summary>log2 of the lcluster size (= the block size).</summary>
    public int LclusterBits => BlockSizeBits;
    /// <summary>Bytes per lcluster.</summary>
    public int LclusterSize => 1 << LclusterBits;
    /// <summary>Compact indexes.</summary>
    public bool IsCompact => Layout == InodeLayout.CompressedCompact;
    /// <summary>Compact indexes with a 2-byte region (advise COMPACTED_2B), as mkfs writes when lclusters are ≤ 4 KiB.</summary>
    public bool Uses2BPacks => IsCompact && LclusterBits <= MaxCompact2BLclusterBits;

    /// <summary>Index entries of a file of <paramref name="size"/> bytes: one per lcluster, ceil(size / lcluster).</summary>
    public long LclusterCount(long size) => (size + LclusterSize - 1) >> LclusterBits;
}
