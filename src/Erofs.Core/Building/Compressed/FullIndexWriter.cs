using System.Buffers.Binary;
using Erofs.Format;

namespace Erofs.Building.Compressed;

/// <summary>
/// Full lcluster indexes (datalayout 1, erofs-format.md §8.3): after the map header 8 reserved zero
/// bytes, then 8 bytes per lcluster: le16 di_advise (type, PARTIAL_REF), le16 di_clusterofs, and
/// le32 blkaddr (HEAD) or le16 delta0, le16 delta1 (NONHEAD).
/// </summary>
internal static class FullIndexWriter
{
    /// <summary>Bytes from the map header to the end of the indexes.</summary>
    public static long Size(long lclusterCount) => ZMapHeader.Size + ZMapHeader.FullIndexReserved + lclusterCount * ZMapHeader.FullIndexSize;

    /// <summary>Writes the entries; <paramref name="destination"/> starts at the map header, which is not touched.</summary>
    public static void Write(Span<byte> destination, ReadOnlySpan<LclusterEntry> entries)
    {
        destination.Slice(ZMapHeader.Size, ZMapHeader.FullIndexReserved).Clear();
        var output = destination[(ZMapHeader.Size + ZMapHeader.FullIndexReserved)..];
        foreach (var entry in entries)
        {
            int advise = (int)entry.Type | (entry.Partial ? ZMapHeader.PartialRef : 0);
            BinaryPrimitives.WriteUInt16LittleEndian(output, (ushort)advise);
            BinaryPrimitives.WriteUInt16LittleEndian(output[2..], entry.ClusterOffset);
            if (entry.IsHead)
                BinaryPrimitives.WriteUInt32LittleEndian(output[4..], entry.BlockAddress);
            else
            {
                BinaryPrimitives.WriteUInt16LittleEndian(output[4..], entry.Delta0);
                BinaryPrimitives.WriteUInt16LittleEndian(output[6..], entry.Delta1);
            }
            output = output[ZMapHeader.FullIndexSize..];
        }
    }
}
