namespace Erofs.Building.Compressed;

/// <summary>
/// One extent of a compressed file after compression: file bytes [<see cref="Start"/>, <see cref="End"/>)
/// decode from one pcluster. A file's extents are contiguous and in file order (see
/// <see cref="CompressedFileMap"/>). Build them with the factory methods.
/// </summary>
internal readonly record struct CompressedExtent
{
    /// <summary>First file byte the extent yields.</summary>
    public long Start { get; init; }
    /// <summary>Decoded bytes the extent yields (the pcluster may decode to more when <see cref="Partial"/>).</summary>
    public long Length { get; init; }
    /// <summary>Where the pcluster's bytes are.</summary>
    public PclusterPlacement Placement { get; init; }
    /// <summary>Stored as is or compressed, and with which of the inode's two algorithms.</summary>
    public PclusterFormat Format { get; init; }
    /// <summary><see cref="PclusterPlacement.Blocks"/>: first block of the pcluster.</summary>
    public uint BlockAddress { get; init; }
    /// <summary><see cref="PclusterPlacement.Blocks"/>: pcluster size in blocks (1..2047, at most 1 MiB).</summary>
    public int BlockCount { get; init; }
    /// <summary><see cref="PclusterPlacement.Inline"/>: stored bytes (h_idata_size, less than a block).</summary>
    public int InlineSize { get; init; }
    /// <summary><see cref="PclusterPlacement.Fragment"/>: offset of the data in the packed inode.</summary>
    public ulong FragmentOffset { get; init; }
    /// <summary>Dedupe: the extent uses only a prefix of the pcluster's output (PARTIAL_REF; full indexes only).</summary>
    public bool Partial { get; init; }
    /// <summary>Dedupe: the blocks belong to an earlier pcluster, so they do not count in this inode's i_u.</summary>
    public bool Shared { get; init; }

    /// <summary>One past the last file byte the extent yields.</summary>
    public long End => Start + Length;

    /// <summary>An extent whose pcluster this inode stores in <paramref name="blockCount"/> blocks from <paramref name="blockAddress"/>.</summary>
    public static CompressedExtent InBlocks(long start, long length, PclusterFormat format, uint blockAddress, int blockCount) => new()
    {
        Start = start, Length = length, Placement = PclusterPlacement.Blocks, Format = format,
        BlockAddress = blockAddress, BlockCount = blockCount,
    };

    /// <summary>Dedupe: an extent decoded from blocks an earlier pcluster already stored (whole, or a prefix when <paramref name="partial"/>).</summary>
    public static CompressedExtent Reference(long start, long length, PclusterFormat format, uint blockAddress, int blockCount, bool partial)
        => InBlocks(start, length, format, blockAddress, blockCount) with { Shared = true, Partial = partial };

    /// <summary>The tail extent stored inline (ztailpacking): <paramref name="storedBytes"/> after the index area.</summary>
    public static CompressedExtent Inline(long start, long length, PclusterFormat format, int storedBytes) => new()
    {
        Start = start, Length = length, Placement = PclusterPlacement.Inline, Format = format, InlineSize = storedBytes,
    };

    /// <summary>The tail extent (or whole file) kept in the packed inode at <paramref name="offset"/>.</summary>
    public static CompressedExtent Fragment(long start, long length, ulong offset) => new()
    {
        Start = start, Length = length, Placement = PclusterPlacement.Fragment, Format = PclusterFormat.Head1, FragmentOffset = offset,
    };

    /// <inheritdoc />
    public override string ToString() => Placement switch
    {
        PclusterPlacement.Blocks => $"{Start}+{Length} {Format} blocks {BlockAddress}+{BlockCount}{(Shared ? " shared" : "")}{(Partial ? " partial" : "")}",
        PclusterPlacement.Inline => $"{Start}+{Length} {Format} inline {InlineSize} bytes",
        _ => $"{Start}+{Length} fragment at {FragmentOffset}",
    };
}
