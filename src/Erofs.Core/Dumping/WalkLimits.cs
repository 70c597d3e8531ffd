using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Dumping;

/// <summary>Bounds for tree walks that do not come from untrusted per-inode fields.</summary>
internal static class WalkLimits
{
    // Smallest on-disk footprint of one entry: a 12-byte dirent plus a 1-byte name.
    private const int MinEntryBytes = Dirent.Size + 1;

    /// <summary>
    /// Most directory entries the image's devices can physically hold. A walk that sees more is
    /// being fed the same directory blocks again and again (a hostile chunk table), so it stops.
    /// </summary>
    public static long EntryCap(ErofsImage image)
    {
        ulong blocks = image.Superblock.Blocks;
        foreach (var device in image.Devices)
            blocks = device.Blocks > ulong.MaxValue - blocks ? ulong.MaxValue : blocks + device.Blocks;
        int bits = image.Superblock.BlockSizeBits;
        ulong bytes = blocks > ulong.MaxValue >> bits ? ulong.MaxValue : blocks << bits;
        return (long)Math.Min(bytes / MinEntryBytes + 2, long.MaxValue);
    }
}
