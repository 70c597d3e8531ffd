using Erofs.Reading;

namespace Erofs.Checking;

/// <summary>
/// fsck.erofs <c>-p</c>'s total compression ratio, counted as 1.9.3 counts it: per path (a hard-linked file
/// counts at each of its names), the inode's size in blocks (rounded up) against the bytes its extents store,
/// in blocks (rounded up); the packed inode's stored blocks count once for a whole-image check, its size
/// never. Unlike 1.9.3, holes (unmapped chunks) store nothing and count nothing, so a sparse chunked file
/// lowers the ratio; fragments count in the packed inode, not in each file.
/// </summary>
internal sealed class CompressionMeasure(ErofsImage image)
{
    private readonly int _blockBits = image.Superblock.BlockSizeBits;

    public long LogicalBlocks { get; private set; }
    public long PhysicalBlocks { get; private set; }

    /// <summary>Counts one inode; devices, FIFOs and sockets have no data and count nothing.</summary>
    public void Add(InodeInfo inode)
    {
        if (inode.Kind is not (FileKind.Regular or FileKind.Directory or FileKind.Symlink))
            return;
        LogicalBlocks += Blocks((long)inode.Size);
        PhysicalBlocks += Blocks(StoredBytes(inode));
    }

    /// <summary>Counts the packed inode's stored blocks, when the image has one.</summary>
    public void AddPackedInode()
    {
        var sb = image.Superblock;
        ulong nid = sb.PackedNid;
        if ((sb.FeatureIncompat & Format.FeatureIncompat.Fragments) != 0 && nid != 0)
            PhysicalBlocks += Blocks(StoredBytes(image.GetInode(nid)));
    }

    private long StoredBytes(InodeInfo inode)
    {
        long stored = 0;
        foreach (var e in image.GetExtents(inode))
        {
            // An inline extent of a compressed file (ztailpacking) stores fewer bytes than it covers.
            stored += e.Kind is ExtentKind.Hole or ExtentKind.Fragment ? 0 : e.PhysicalLength;
        }
        return stored;
    }

    private long Blocks(long bytes) => (bytes + (1L << _blockBits) - 1) >> _blockBits;
}
