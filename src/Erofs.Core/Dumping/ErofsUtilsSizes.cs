using Erofs.Reading;

namespace Erofs.Dumping;

/// <summary>File sizes as dump.erofs computes them.</summary>
public static class ErofsUtilsSizes
{
    /// <summary>Number of size buckets of the -S distributions: [0, 1 KiB), [1, 2 KiB) ... [16, 32 MiB), 32 MiB and more.</summary>
    public const int BucketCount = 17;

    /// <summary>
    /// The "on-disk size" (erofs_get_occupied_size): i_size for flat and chunk-based layouts, and
    /// the i_blocks field times the block size for compressed ones (what mkfs recorded, not the
    /// pclusters mapped; the product wraps at 2^64 as in C).
    /// </summary>
    public static ulong Occupied(InodeInfo inode, int blockSizeBits)
    {
        ArgumentNullException.ThrowIfNull(inode);
        return inode.IsCompressed ? unchecked(inode.StartBlock << blockSizeBits) : inode.Size;
    }

    /// <summary>The bucket of a size: the bit length of its KiB count, at most 16.</summary>
    public static int Bucket(ulong size) =>
        Math.Min(64 - System.Numerics.BitOperations.LeadingZeroCount(size >> 10), BucketCount - 1);
}
