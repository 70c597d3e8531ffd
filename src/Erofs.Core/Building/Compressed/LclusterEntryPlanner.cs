using Erofs.Reading.Compressed;

namespace Erofs.Building.Compressed;

/// <summary>
/// Turns a validated <see cref="CompressedFileMap"/> into its lcluster index entries, one per lcluster
/// (erofs-format.md §8.1, 8.3): a HEAD where each extent starts, NONHEADs in the lclusters it crosses
/// (the first one counting the pcluster's blocks when the image has big pclusters), and, when the last
/// extent crosses a boundary and the size is not lcluster-aligned, a PLAIN entry at EOF with
/// clusterofs = size mod lcluster and block 0 (an empty extent readers ignore).
/// </summary>
internal static class LclusterEntryPlanner
{
    public static LclusterEntry[] Plan(CompressedFileMap map, ZIndexFormat format)
    {
        long count = format.LclusterCount(map.Size);
        if (count > Array.MaxLength / 8)
            throw new ArgumentException($"compressed file of {map.Size} bytes needs {count} lcluster indexes, too many for one inode", nameof(map));
        var entries = new LclusterEntry[count];
        uint ownedBlocks = 0;
        long lastSpan = 0;
        foreach (var e in map.Extents)
        {
            lastSpan = WriteExtent(entries, e, HeadAddress(map, e, ownedBlocks), format);
            if (e.Placement == PclusterPlacement.Blocks && !e.Shared)
                ownedBlocks = unchecked(ownedBlocks + (uint)e.BlockCount);
        }
        int eofOffset = (int)(map.Size & (format.LclusterSize - 1));
        if (eofOffset != 0 && lastSpan > 0)
            entries[^1] = LclusterEntry.Head(LclusterType.Plain, eofOffset, 0, false);
        return entries;
    }

    // Writes the HEAD and NONHEADs of one extent; returns how many lcluster boundaries it crosses.
    private static long WriteExtent(LclusterEntry[] entries, CompressedExtent e, uint headAddress, ZIndexFormat format)
    {
        long head = e.Start >> format.LclusterBits;
        int clusterOffset = (int)(e.Start & (format.LclusterSize - 1));
        long span = (clusterOffset + e.Length) >> format.LclusterBits;
        entries[head] = LclusterEntry.Head(TypeOf(e.Format), clusterOffset, headAddress, e.Partial);
        for (long k = 1; k < span; k++)
        {
            int delta0 = k == 1 && format.BigPclusters
                ? Format.ZMapHeader.CblkCnt | StoredBlocks(e)
                : (int)Math.Min(k, LclusterEntry.MaxDistance);
            entries[head + k] = LclusterEntry.NonHead(clusterOffset, delta0, (int)(span - k));
        }
        return span;
    }

    // What the full index stores for a HEAD: the pcluster's block; for an inline tail the block it would
    // take after the inode's own blocks; for a fragment bits 32-63 of its offset (bits 0-31 are in the header).
    private static uint HeadAddress(CompressedFileMap map, CompressedExtent e, uint ownedBlocks) => e.Placement switch
    {
        PclusterPlacement.Blocks => e.BlockAddress,
        PclusterPlacement.Inline => unchecked(map.FirstBlock + ownedBlocks),
        _ => (uint)(e.FragmentOffset >> 32),
    };

    // CBLKCNT of an inline tail is 1 (a block it could fall back to), of a fragment 0, as mkfs writes.
    private static int StoredBlocks(CompressedExtent e) => e.Placement switch
    {
        PclusterPlacement.Blocks => e.BlockCount,
        PclusterPlacement.Inline => 1,
        _ => 0,
    };

    private static LclusterType TypeOf(PclusterFormat format) => format switch
    {
        PclusterFormat.Uncompressed => LclusterType.Plain,
        PclusterFormat.Head1 => LclusterType.Head1,
        _ => LclusterType.Head2,
    };
}
