using Erofs.Format;

namespace Erofs.Building.Compressed;

/// <summary>
/// Size of a compressed inode's index area, known before any data is compressed: it depends only on
/// the lcluster count (from i_size), the inode + inline xattr size (compact packs align to the absolute
/// position, inodes being 32-byte aligned) and the format. Inline tails (ztailpacking) and tail fragments
/// do not change it; the inline data follows the area. Only a whole-file fragment is different (16 bytes).
/// </summary>
internal static class ZIndexSize
{
    /// <summary>Bytes of a whole-file fragment's "index": the 8-byte offset form and 8 reserved bytes.</summary>
    public const int WholeFileFragment = ZMapHeader.Size + ZMapHeader.FullIndexReserved;

    /// <summary>Offset of the map header from the inode start: inode + xattrs rounded up to 8.</summary>
    public static int HeaderOffset(int inodeAndXattrSize) => (inodeAndXattrSize + 7) & ~7;

    /// <summary>Bytes from the map header to the end of the indexes, where an inline tail starts.</summary>
    /// <param name="format">Index format.</param>
    /// <param name="fileSize">i_size.</param>
    /// <param name="inodeAndXattrSize">Inode (32 or 64) plus inline xattr bytes.</param>
    public static int Of(ZIndexFormat format, long fileSize, int inodeAndXattrSize)
    {
        ArgumentNullException.ThrowIfNull(format);
        long count = format.LclusterCount(fileSize);
        long size = format.IsCompact
            ? ZMapHeader.Size + CompactRegions.Of(count, IndexStart(inodeAndXattrSize), format.Uses2BPacks).Size
            : FullIndexWriter.Size(count);
        return size <= int.MaxValue ? (int)size : throw new ArgumentException($"compressed file of {fileSize} bytes needs {size} bytes of indexes", nameof(fileSize));
    }

    /// <summary>
    /// Bytes the inode takes in the metadata area: inode, xattrs, padding to 8, indexes and the inline
    /// tail (which must not cross a block boundary; the rest may).
    /// </summary>
    public static long Footprint(ZIndexFormat format, long fileSize, int inodeAndXattrSize, int inlineSize)
        => HeaderOffset(inodeAndXattrSize) + (long)Of(format, fileSize, inodeAndXattrSize) + inlineSize;

    /// <summary>Position of the first compact entry relative to a 32-byte aligned inode start.</summary>
    internal static long IndexStart(int inodeAndXattrSize) => HeaderOffset(inodeAndXattrSize) + ZMapHeader.Size;
}
