using Erofs.Format;

namespace Erofs.Building.Compressed;

/// <summary>
/// Checks that a <see cref="CompressedFileMap"/> can be written in a <see cref="ZIndexFormat"/> and read
/// back as it was meant (erofs-format.md §8): a violation would not fail to encode, it would decode
/// to other data. Throws <see cref="ArgumentException"/> naming the extent and the rule.
/// </summary>
internal static class CompressedFileMapValidator
{
    /// <summary>Most blocks a CBLKCNT entry can count (11 bits).</summary>
    public const int MaxBlockCount = LclusterEntry.MaxDistance;
    private const int MaxAlgorithm = 15;

    public static void Validate(CompressedFileMap map, ZIndexFormat format)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(format);
        if (map.Size <= 0 || map.Extents.Count == 0)
            throw new ArgumentException($"a compressed file needs data and extents (size {map.Size}, {map.Extents.Count} extents)", nameof(map));
        if ((int)map.Head1Algorithm > MaxAlgorithm || (int)map.Head2Algorithm > MaxAlgorithm)
            throw new ArgumentException($"algorithm ids {(int)map.Head1Algorithm} and {(int)map.Head2Algorithm} must fit the 4-bit nibbles of h_algorithmtype", nameof(map));
        if (map.IsWholeFileFragment)
        {
            ValidateWholeFileFragment(map);
            return;
        }
        long previousLcn = -1;
        uint nextOwnedBlock = map.FirstBlock;
        for (int i = 0; i < map.Extents.Count; i++)
        {
            var e = map.Extents[i];
            ValidatePosition(map, format, i, e, ref previousLcn);
            ValidatePlacement(map, format, i, e);
            if (format.IsCompact)
                ValidateCompact(i, e, ref nextOwnedBlock);
        }
    }

    private static void ValidateWholeFileFragment(CompressedFileMap map)
    {
        var e = map.Extents[0];
        if (e.Start != 0 || e.Length != map.Size)
            throw Fail(0, e, $"a whole-file fragment must cover the file's {map.Size} bytes");
        if (e.FragmentOffset >= 1UL << 63)
            throw Fail(0, e, "a whole-file fragment offset must be below 2^63");
    }

    // Contiguous extents, each starting in a later lcluster than the one before (one HEAD per lcluster).
    private static void ValidatePosition(CompressedFileMap map, ZIndexFormat format, int i, CompressedExtent e, ref long previousLcn)
    {
        long expectedStart = i == 0 ? 0 : map.Extents[i - 1].End;
        if (e.Start != expectedStart || e.Length <= 0)
            throw Fail(i, e, $"extents must be non-empty and contiguous (expected a start at {expectedStart})");
        if (e.End > map.Size || (i == map.Extents.Count - 1 && e.End != map.Size))
            throw Fail(i, e, $"extents must end exactly at the file size {map.Size}");
        long lcn = e.Start >> format.LclusterBits;
        if (lcn <= previousLcn)
            throw Fail(i, e, $"it starts in lcluster {lcn}, where the previous extent started too: an lcluster holds one extent start");
        previousLcn = lcn;
        long span = ((e.Start & (format.LclusterSize - 1)) + e.Length) >> format.LclusterBits;
        if (span > ushort.MaxValue)
            throw Fail(i, e, $"it crosses {span} lcluster boundaries; delta1 holds at most {ushort.MaxValue}");
        if (e.Placement != PclusterPlacement.Fragment && e.Length > ZMapHeader.MaxDecodedExtent)
            throw Fail(i, e, $"it decodes to more than {ZMapHeader.MaxDecodedExtent} bytes, which readers reject");
    }

    private static void ValidatePlacement(CompressedFileMap map, ZIndexFormat format, int i, CompressedExtent e)
    {
        bool last = i == map.Extents.Count - 1;
        switch (e.Placement)
        {
            case PclusterPlacement.Blocks:
                ValidateBlocks(format, i, e);
                break;
            case PclusterPlacement.Inline:
                if (!last)
                    throw Fail(i, e, "only the last extent can be inline");
                if (e.InlineSize <= 0 || e.InlineSize >= 1 << format.BlockSizeBits)
                    throw Fail(i, e, $"an inline pcluster holds 1..{(1 << format.BlockSizeBits) - 1} bytes");
                if (e.Format == PclusterFormat.Uncompressed && e.Length > e.InlineSize)
                    throw Fail(i, e, "uncompressed inline data must hold the whole extent");
                break;
            case PclusterPlacement.Fragment:
                if (!last)
                    throw Fail(i, e, "only the last extent can be a fragment");
                break;
            default:
                throw Fail(i, e, $"unknown placement {e.Placement}");
        }
        if ((e.Partial || e.Shared) && (e.Placement != PclusterPlacement.Blocks || format.IsCompact))
            throw Fail(i, e, "shared and partial references need full indexes and a pcluster in blocks");
        if (e.Partial && e.Format == PclusterFormat.Uncompressed)
            throw Fail(i, e, "a partial reference must be compressed");
    }

    private static void ValidateBlocks(ZIndexFormat format, int i, CompressedExtent e)
    {
        if (e.BlockCount < 1 || e.BlockCount > MaxBlockCount || (long)e.BlockCount << format.BlockSizeBits > ZMapHeader.MaxPcluster)
            throw Fail(i, e, $"a pcluster spans 1..{MaxBlockCount} blocks and at most {ZMapHeader.MaxPcluster} bytes");
        if (e.BlockCount > 1)
        {
            if (!format.BigPclusters)
                throw Fail(i, e, "pclusters of several blocks need big pclusters");
            if (e.Format != PclusterFormat.Head1 && !format.IsCompact)
                throw Fail(i, e, "uncompressed and HEAD2 pclusters of several blocks need compact indexes (BIG_PCLUSTER_2)");
            // The count lives in the entry of the lcluster after the HEAD's, so the extent must cover it.
            if ((e.Start & (format.LclusterSize - 1)) + e.Length < 2L * format.LclusterSize)
                throw Fail(i, e, "a pcluster of several blocks needs an extent that covers the next lcluster to record its block count");
        }
        if (e.Format == PclusterFormat.Uncompressed && e.Length > (long)e.BlockCount << format.BlockSizeBits)
            throw Fail(i, e, "uncompressed data must fit its pcluster");
    }

    // Compact indexes derive every address by counting blocks from FirstBlock.
    private static void ValidateCompact(int i, CompressedExtent e, ref uint nextOwnedBlock)
    {
        if (e.Placement == PclusterPlacement.Fragment && e.FragmentOffset > uint.MaxValue)
            throw Fail(i, e, "compact indexes hold 32-bit fragment offsets; use full indexes");
        if (e.Placement != PclusterPlacement.Blocks)
            return;
        if (e.BlockAddress != nextOwnedBlock)
            throw Fail(i, e, $"compact indexes need the pclusters back to back from the first block; expected block {nextOwnedBlock}");
        nextOwnedBlock = unchecked(nextOwnedBlock + (uint)e.BlockCount);
    }

    private static ArgumentException Fail(int index, CompressedExtent e, string rule)
        => new($"compressed extent {index} ({e}): {rule}", "map");
}
