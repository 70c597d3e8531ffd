using System.Buffers.Binary;
using Erofs.Format;

namespace Erofs.Building.Compressed;

/// <summary>
/// Writes the 8-byte map header (<c>struct z_erofs_map_header</c>, erofs-format.md §8.2): the tail's
/// fragment offset (low 32 bits) or inline size, h_advise, both algorithms and the lcluster bits; or,
/// for a whole-file fragment, le64 (offset | 1 &lt;&lt; 63).
/// </summary>
internal static class ZMapHeaderEncoder
{
    private const ulong WholeFileFragmentBit = 1UL << 63;

    public static void Write(Span<byte> destination, CompressedFileMap map, ZIndexFormat format)
    {
        if (map.IsWholeFileFragment)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination, map.Tail.FragmentOffset | WholeFileFragmentBit);
            return;
        }
        var tail = map.Tail;
        if (tail.Placement == PclusterPlacement.Fragment)
            BinaryPrimitives.WriteUInt32LittleEndian(destination, unchecked((uint)tail.FragmentOffset));
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination, 0); // h_reserved1
            int inline = tail.Placement == PclusterPlacement.Inline ? tail.InlineSize : 0;
            BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], checked((ushort)inline));
        }
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], (ushort)Advise(map, format));
        destination[6] = (byte)((int)map.Head2Algorithm << 4 | (int)map.Head1Algorithm);
        destination[7] = (byte)(format.LclusterBits - format.BlockSizeBits);
    }

    /// <summary>h_advise for <paramref name="map"/> written in <paramref name="format"/>.</summary>
    public static ZMapHeader.AdviseFlags Advise(CompressedFileMap map, ZIndexFormat format)
    {
        var advise = ZMapHeader.AdviseFlags.None;
        if (format.Uses2BPacks)
            advise |= ZMapHeader.AdviseFlags.Compacted2BOrExtents;
        if (format.BigPclusters)
        {
            // mkfs sets _2 (big PLAIN pclusters) only with compact indexes; compact readers need both or neither.
            advise |= ZMapHeader.AdviseFlags.BigPcluster1;
            if (format.IsCompact)
                advise |= ZMapHeader.AdviseFlags.BigPcluster2;
        }
        if (map.InterlacedUncompressed)
            advise |= ZMapHeader.AdviseFlags.InterlacedPcluster;
        advise |= map.Tail.Placement switch
        {
            PclusterPlacement.Inline => ZMapHeader.AdviseFlags.InlinePcluster,
            PclusterPlacement.Fragment => ZMapHeader.AdviseFlags.FragmentPcluster,
            _ => ZMapHeader.AdviseFlags.None,
        };
        return advise;
    }
}
