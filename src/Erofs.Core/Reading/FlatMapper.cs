using Erofs.Format;

namespace Erofs.Reading;

/// <summary>Maps offsets of FLAT_PLAIN and FLAT_INLINE inodes, as the kernel's erofs_map_blocks_flat does.</summary>
internal static class FlatMapper
{
    public static Extent Map(InodeInfo inode, long offset, int blockSizeBits)
    {
        long size = (long)inode.Size;
        long blockSize = 1L << blockSizeBits;
        // Rounded up without adding first: an i_size near 2^63 must not wrap.
        long blocks = (size >> blockSizeBits) + ((size & (blockSize - 1)) != 0 ? 1 : 0);
        bool tailPacked = inode.Layout == InodeLayout.FlatInline;
        long plainEnd = (blocks - (tailPacked ? 1 : 0)) << blockSizeBits;
        if (offset < plainEnd)
        {
            if (inode.StartBlock > (ulong)(long.MaxValue >> blockSizeBits))
                throw new ErofsContentException($"start block {inode.StartBlock} is out of range", inode.Nid, inode.Location);
            long physical = (long)(inode.StartBlock << blockSizeBits);
            return new Extent(0, Math.Min(plainEnd, size), ExtentKind.Plain, 0, physical, Math.Min(plainEnd, size));
        }
        if (!tailPacked)
            throw new ErofsContentException($"offset {offset} is beyond the data of a {size}-byte file", inode.Nid, inode.Location);
        long tailStart = plainEnd;
        long tailLength = size - tailStart;
        long position = inode.Location + inode.InodeSize + inode.XattrSize;
        if ((position & (blockSize - 1)) + tailLength > blockSize)
            throw new ErofsContentException($"inline data of {tailLength} bytes crosses a block boundary", inode.Nid, position);
        return new Extent(tailStart, tailLength, ExtentKind.Inline, 0, position, tailLength);
    }
}
