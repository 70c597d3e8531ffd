using Erofs.Format;

namespace Erofs.Building.Compressed;

/// <summary>
/// Encodes the map header and lcluster indexes of a compressed inode from its <see cref="CompressedFileMap"/>,
/// byte for byte as mkfs.erofs 1.9.3 writes them (erofs-format.md §8.2-8.4).
/// </summary>
internal static class ZIndexEncoder
{
    /// <param name="map">The file after compression.</param>
    /// <param name="format">Index format of the inode (ignored for a whole-file fragment, always full).</param>
    /// <param name="inodeAndXattrSize">Inode (32 or 64 bytes) plus inline xattr bytes; the inode is 32-byte aligned.</param>
    /// <exception cref="ArgumentException">The map breaks a rule of the format (the message names the extent).</exception>
    public static EncodedZIndex Encode(CompressedFileMap map, ZIndexFormat format, int inodeAndXattrSize)
    {
        CompressedFileMapValidator.Validate(map, format);
        if (inodeAndXattrSize < 0)
            throw new ArgumentOutOfRangeException(nameof(inodeAndXattrSize), inodeAndXattrSize, "negative inode size");
        int headerOffset = ZIndexSize.HeaderOffset(inodeAndXattrSize);
        ulong owned = map.CountOwnedBlocks();
        if (owned > uint.MaxValue)
            throw new ArgumentException($"compressed file of {map.Size} bytes owns {owned} blocks, more than i_u holds", nameof(map));
        if (map.IsWholeFileFragment)
        {
            var whole = new byte[ZIndexSize.WholeFileFragment];
            ZMapHeaderEncoder.Write(whole, map, format);
            return new EncodedZIndex(whole, InodeLayout.CompressedFull, 0, headerOffset, 0);
        }
        var entries = LclusterEntryPlanner.Plan(map, format);
        var bytes = new byte[ZIndexSize.Of(format, map.Size, inodeAndXattrSize)];
        ZMapHeaderEncoder.Write(bytes, map, format);
        if (format.IsCompact)
        {
            var regions = CompactRegions.Of(entries.Length, ZIndexSize.IndexStart(inodeAndXattrSize), format.Uses2BPacks);
            CompactIndexWriter.Write(bytes.AsSpan(ZMapHeader.Size), entries, regions, format, map.FirstBlock);
        }
        else
        {
            FullIndexWriter.Write(bytes, entries);
        }
        int inline = map.Tail.Placement == PclusterPlacement.Inline ? map.Tail.InlineSize : 0;
        return new EncodedZIndex(bytes, format.Layout, (uint)owned, headerOffset, inline);
    }
}
