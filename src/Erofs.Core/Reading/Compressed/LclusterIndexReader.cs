using System.Buffers.Binary;
using Erofs.Format;

namespace Erofs.Reading.Compressed;

/// <summary>
/// Loads lcluster index entries, full (8 bytes each) or compact (4- and 2-byte packs), with the
/// kernel's decoding rules: pack bases, CBLKCNT, and the last-entry-of-a-pack delta1 rule.
/// </summary>
internal sealed class LclusterIndexReader(MetadataSpace space, ZInodeLayout z, int blockSizeBits)
{
    private readonly ulong _nid = z.Inode.Nid;
    private readonly long _totalIndexes = (long)((z.Inode.Size + (1UL << blockSizeBits) - 1) >> blockSizeBits);

    public Lcluster Load(long lcn)
    {
        if (lcn < 0 || lcn >= _totalIndexes)
            throw new ErofsContentException($"lcluster {lcn} is beyond the {_totalIndexes} indexes", _nid);
        return z.IsCompact ? LoadCompact(lcn) : LoadFull(lcn);
    }

    private Lcluster LoadFull(long lcn)
    {
        long pos = z.IndexStart + ZMapHeader.FullIndexReserved + lcn * ZMapHeader.FullIndexSize;
        Span<byte> b = stackalloc byte[ZMapHeader.FullIndexSize];
        space.Read(pos, b, _nid);
        ushort advise = BinaryPrimitives.ReadUInt16LittleEndian(b);
        var type = (LclusterType)(advise & 3);
        long next = pos + ZMapHeader.FullIndexSize;
        if (type == LclusterType.NonHead)
        {
            int d0 = BinaryPrimitives.ReadUInt16LittleEndian(b[4..]);
            int blocks = 0;
            if ((d0 & ZMapHeader.CblkCnt) != 0)
            {
                RequireBigPcluster(z.Advise & (ZMapHeader.AdviseFlags.BigPcluster1 | ZMapHeader.AdviseFlags.BigPcluster2), lcn);
                blocks = d0 & ~ZMapHeader.CblkCnt;
                d0 = 1;
            }
            return new Lcluster(lcn, type, (int)z.LclusterSize, d0, 0, blocks, false, next);
        }
        int clusterOffset = BinaryPrimitives.ReadUInt16LittleEndian(b[2..]);
        if (clusterOffset >= z.LclusterSize)
            throw new ErofsContentException($"lcluster {lcn} has cluster offset {clusterOffset} beyond the lcluster", _nid, pos);
        uint block = BinaryPrimitives.ReadUInt32LittleEndian(b[4..]);
        return new Lcluster(lcn, type, clusterOffset, 0, block, 0, (advise & ZMapHeader.PartialRef) != 0, next);
    }

    private Lcluster LoadCompact(long lcn)
    {
        int bits = z.LclusterBits;
        if (bits > 14)
            throw new ErofsContentException($"compact indexes with lcluster bits {bits} (max 14)", _nid);
        long ebase = z.IndexStart;
        long initial4 = ((32 - ebase % 32) / 4) & 7;
        long compact2 = (z.Advise & ZMapHeader.AdviseFlags.Compacted2BOrExtents) != 0 && initial4 < _totalIndexes
            ? (_totalIndexes - initial4) / 16 * 16 : 0;
        long pos = ebase;
        int shift = 2;
        long i = lcn;
        if (i >= initial4)
        {
            pos += initial4 * 4;
            i -= initial4;
            if (i < compact2)
                shift = 1;
            else
            {
                pos += compact2 * 2;
                i -= compact2;
            }
        }
        pos += i << shift;
        if (shift == 1 && bits > 12)
            throw new ErofsContentException($"2-byte compact indexes with lcluster bits {bits}", _nid);
        return new CompactPack(space, z, pos, shift, _nid).Decode(lcn);
    }

    private void RequireBigPcluster(ZMapHeader.AdviseFlags flags, long lcn)
    {
        if (flags == 0)
            throw new ErofsContentException($"lcluster {lcn} counts blocks (CBLKCNT) but the inode has no big pclusters", _nid);
    }
}
