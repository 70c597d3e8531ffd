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

    /// <summary>
    /// Budget of extents for mapping every regular file: one per 2 bytes of metadata that could
    /// hold mapping records (the primary image as the file really is, plus the metabox content,
    /// which may be compressed), and <see cref="ExtentBudget.PerFile"/> more for each file.
    /// </summary>
    public static ExtentBudget ExtentsOf(ErofsImage image)
    {
        int bits = image.Superblock.BlockSizeBits;
        long declared = image.Superblock.Blocks > (ulong)(long.MaxValue >> bits) ? long.MaxValue : (long)(image.Superblock.Blocks << bits);
        // Lax opening accepts a superblock that claims more blocks than the file has.
        long primary = Math.Min(declared, image.DeviceLength(new Extent(0, 0, ExtentKind.Plain, 0, 0, 0), image.Root.Nid));
        // LZ4 expands at most about 255 times; no real metabox holds more.
        long metaboxCap = Math.Min(primary, long.MaxValue / 256) * 256;
        long metabox = (long)Math.Min(image.Metabox?.Size ?? 0, (ulong)metaboxCap);
        long metadata = primary > long.MaxValue - metabox ? long.MaxValue : primary + metabox;
        return new ExtentBudget(metadata / MinExtentBytes, ExtentBudget.DefaultPerFile);
    }

    // Every extent of a real image has its own mapping record of at least 2 bytes (a compact
    // lcluster index entry; chunk block maps take 4, chunk and full lcluster indexes 8), except
    // the few per file that ExtentBudget.PerFile allows for.
    private const int MinExtentBytes = 2;
}

/// <summary>
/// How many extents a whole-image walk may map: <paramref name="Base"/>, plus
/// <paramref name="PerFile"/> for each file mapped. Real images stay far below; a hostile one
/// whose inodes share one huge mapping table would otherwise cost files × table size.
/// </summary>
/// <param name="Base">Extents allowed up front.</param>
/// <param name="PerFile">Extents added for each file (a flat file has up to 2, a fragment tail 1).</param>
internal readonly record struct ExtentBudget(long Base, long PerFile)
{
    /// <summary>Extents a file may have without any mapping record: flat data, inline tail, fragment.</summary>
    public const long DefaultPerFile = 4;
}
