using Erofs.Compression;

namespace Erofs.Building.Compressed;

/// <summary>
/// What a compressed file looks like after compression, all the index encoders need: its size and
/// its extents in file order, contiguous from 0 to <see cref="Size"/>. Only the last extent may be
/// <see cref="PclusterPlacement.Inline"/> or <see cref="PclusterPlacement.Fragment"/>; a file that is
/// one fragment from byte 0 is written in the whole-file fragment form (no indexes).
/// </summary>
internal sealed record CompressedFileMap
{
    /// <summary>i_size.</summary>
    public required long Size { get; init; }
    /// <summary>The extents, in file order.</summary>
    public required IReadOnlyList<CompressedExtent> Extents { get; init; }
    /// <summary>
    /// First block of the inode's own pclusters. Compact indexes store no per-pcluster address: they
    /// count blocks from here, so the inode's own pclusters must follow each other from this block in
    /// file order. A file with no blocks of its own (inline tail, fragment) still encodes it (mkfs writes
    /// the block where its data would have started); full indexes write it for an inline tail.
    /// </summary>
    public uint FirstBlock { get; init; }
    /// <summary>Algorithm of <see cref="PclusterFormat.Head1"/> extents (low nibble of h_algorithmtype).</summary>
    public CompressionAlgorithm Head1Algorithm { get; init; }
    /// <summary>Algorithm of <see cref="PclusterFormat.Head2"/> extents (high nibble).</summary>
    public CompressionAlgorithm Head2Algorithm { get; init; }
    /// <summary>Uncompressed pclusters are stored rotated by the extent's offset in its block (advise INTERLACED_PCLUSTER).</summary>
    public bool InterlacedUncompressed { get; init; }

    /// <summary>The last extent.</summary>
    public CompressedExtent Tail => Extents[^1];

    /// <summary>The whole file is one fragment of the packed inode (the 8-byte form with bit 63, no indexes).</summary>
    public bool IsWholeFileFragment => Extents.Count == 1 && Extents[0].Placement == PclusterPlacement.Fragment;

    /// <summary>i_u of the inode: blocks of its own pclusters (not inline, fragment or shared ones).</summary>
    public ulong CountOwnedBlocks()
    {
        ulong total = 0;
        foreach (var e in Extents)
        {
            if (e.Placement == PclusterPlacement.Blocks && !e.Shared)
                total += (ulong)e.BlockCount;
        }
        return total;
    }
}
