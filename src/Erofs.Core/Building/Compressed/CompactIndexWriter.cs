using System.Buffers.Binary;
using Erofs.Reading.Compressed;

namespace Erofs.Building.Compressed;

/// <summary>
/// Compact lcluster indexes (datalayout 3, erofs-format.md §8.4): packs of 16-bit (4-byte packs) or
/// 14-bit (2-byte packs) entries <c>type &lt;&lt; lobits | lo</c>, lobits = max(lclusterbits, 12), each pack
/// closed by a le32 base block. lo is a HEAD's clusterofs, a NONHEAD's delta0 or CBLKCNT, except that
/// the last entry of a pack, when a plain NONHEAD, stores delta1 instead.
/// </summary>
internal static class CompactIndexWriter
{
    private const int MinLoBits = 12;

    /// <summary>Writes the packs into <paramref name="destination"/> (starting right after the map header).</summary>
    public static void Write(Span<byte> destination, ReadOnlySpan<LclusterEntry> entries, CompactRegions regions, ZIndexFormat format, uint firstBlock)
    {
        int loBits = Math.Max(format.LclusterBits, MinLoBits);
        var counter = new CompactBaseCounter(firstBlock, format.BigPclusters);
        int at = 0;
        int next = 0;
        WriteRegion(destination, entries, ref at, ref next, regions.Initial4B, CompactRegions.EntriesPer4BPack, loBits, counter);
        WriteRegion(destination, entries, ref at, ref next, regions.Compact2B, CompactRegions.EntriesPer2BPack, loBits, counter);
        WriteRegion(destination, entries, ref at, ref next, regions.End4B, CompactRegions.EntriesPer4BPack, loBits, counter);
    }

    private static void WriteRegion(Span<byte> destination, ReadOnlySpan<LclusterEntry> entries, ref int at, ref int next, long count, int perPack, int loBits, CompactBaseCounter counter)
    {
        int packSize = perPack == CompactRegions.EntriesPer4BPack ? CompactRegions.Pack4BSize : CompactRegions.Pack2BSize;
        for (long done = 0; done < count; done += perPack)
        {
            int real = (int)Math.Min(perPack, count - done);
            WritePack(destination.Slice(at, packSize), entries.Slice(next, real), perPack, loBits, counter);
            at += packSize;
            next += real;
        }
    }

    // An odd last 4-byte pack gets a dummy second entry: PLAIN with clusterofs 0, which also counts as a HEAD.
    private static void WritePack(Span<byte> pack, ReadOnlySpan<LclusterEntry> entries, int perPack, int loBits, CompactBaseCounter counter)
    {
        pack.Clear();
        int encodeBits = (pack.Length - 4) * 8 / perPack;
        counter.StartPack();
        for (int i = 0; i < perPack; i++)
        {
            var entry = i < entries.Length ? entries[i] : LclusterEntry.Head(LclusterType.Plain, 0, 0, false);
            counter.Visit(entry);
            uint value = (uint)entry.Type << loBits | (uint)Lo(entry, i == perPack - 1);
            Put(pack, i * encodeBits, value);
        }
        BinaryPrimitives.WriteUInt32LittleEndian(pack[^4..], counter.Base);
    }

    private static int Lo(in LclusterEntry entry, bool lastInPack)
    {
        if (entry.IsHead)
            return entry.ClusterOffset;
        if (entry.IsBlockCount || !lastInPack)
            return entry.Delta0;
        // Clamped below CBLKCNT, which readers test first (mkfs clamps to the lo mask, which could set it).
        return Math.Min((int)entry.Delta1, LclusterEntry.MaxDistance);
    }

    // Little-endian bit order: bit b of the pack is bit b % 8 of byte b / 8. Entries never touch the base.
    private static void Put(Span<byte> pack, int bit, uint value)
    {
        ulong shifted = (ulong)value << (bit & 7);
        for (int b = bit / 8; shifted != 0; b++, shifted >>= 8)
            pack[b] |= (byte)shifted;
    }
}
