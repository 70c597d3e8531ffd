using System.Buffers.Binary;
using Erofs.Format;

namespace Erofs.Reading.Compressed;

/// <summary>
/// One compact index pack: 2 entries of 16 bits (4B pack, 8 bytes) or 16 entries of 14 bits
/// (2B pack, 32 bytes), then a le32 base block address.
/// </summary>
internal readonly ref struct CompactPack
{
    private readonly ZInodeLayout _z;
    private readonly ulong _nid;
    private readonly Span<byte> _bytes;
    private readonly int _count;
    private readonly int _encodeBits;
    private readonly int _loBits;
    private readonly int _index;
    private readonly long _nextPack;

    public CompactPack(MetadataSpace space, ZInodeLayout z, long pos, int shift, ulong nid)
    {
        _z = z;
        _nid = nid;
        _count = shift == 2 ? 2 : 16;
        int packSize = _count << shift;
        long start = pos - (pos & (packSize - 1));
        _bytes = new byte[packSize];
        space.Read(start, _bytes, nid);
        _encodeBits = (packSize - 4) * 8 / _count;
        _loBits = Math.Max(z.LclusterBits, 12);
        _index = (int)((pos - start) >> shift);
        _nextPack = start + packSize;
    }

    public Lcluster Decode(long lcn)
    {
        int lo = Entry(_index, out var type);
        if (type == LclusterType.NonHead)
            return DecodeNonHead(lcn, lo);
        bool big = (_z.Advise & ZMapHeader.AdviseFlags.BigPcluster1) != 0;
        uint blocks = big ? BlocksBeforeBig() : BlocksBefore();
        uint base_ = BinaryPrimitives.ReadUInt32LittleEndian(_bytes[^4..]);
        return new Lcluster(lcn, type, lo, 0, unchecked(base_ + blocks), 0, false, _nextPack);
    }

    private Lcluster DecodeNonHead(long lcn, int lo)
    {
        int clusterSize = (int)_z.LclusterSize;
        if ((lo & ZMapHeader.CblkCnt) != 0)
        {
            if ((_z.Advise & ZMapHeader.AdviseFlags.BigPcluster1) == 0)
                throw new ErofsContentException($"lcluster {lcn} counts blocks (CBLKCNT) but the inode has no big pclusters", _nid);
            return new Lcluster(lcn, LclusterType.NonHead, clusterSize, 1, 0, lo & ~ZMapHeader.CblkCnt, false, _nextPack);
        }
        if (_index + 1 != _count)
            return new Lcluster(lcn, LclusterType.NonHead, clusterSize, lo, 0, 0, false, _nextPack);
        // The last entry of a pack stores delta1; delta0 follows from the entry before it.
        int prev = Entry(_index - 1, out var prevType);
        int d0 = prevType != LclusterType.NonHead ? 1 : (prev & ZMapHeader.CblkCnt) != 0 ? 2 : prev + 1;
        return new Lcluster(lcn, LclusterType.NonHead, clusterSize, d0, 0, 0, false, _nextPack);
    }

    // Without big pclusters every earlier HEAD in the pack took one block.
    private uint BlocksBefore()
    {
        uint blocks = 1;
        for (int i = _index; i > 0;)
        {
            i--;
            int lo = Entry(i, out var type);
            if (type == LclusterType.NonHead)
                i -= lo;
            if (i >= 0)
                blocks++;
        }
        return blocks;
    }

    // With big pclusters, CBLKCNT entries carry the block counts of their pclusters.
    private uint BlocksBeforeBig()
    {
        uint blocks = 0;
        for (int i = _index; i > 0;)
        {
            i--;
            int lo = Entry(i, out var type);
            if (type != LclusterType.NonHead)
            {
                blocks++;
                continue;
            }
            if ((lo & ZMapHeader.CblkCnt) != 0)
            {
                i--;
                blocks += (uint)(lo & ~ZMapHeader.CblkCnt);
                continue;
            }
            if (lo <= 1)
                throw new ErofsContentException($"compact index with a plain delta0 of {lo} in a big-pcluster inode", _nid);
            i -= lo - 2;
        }
        return blocks;
    }

    private int Entry(int i, out LclusterType type)
    {
        int bit = i * _encodeBits;
        uint v = BinaryPrimitives.ReadUInt32LittleEndian(_bytes[(bit / 8)..]) >> (bit & 7);
        type = (LclusterType)((v >> _loBits) & 3);
        return (int)(v & ((1u << _loBits) - 1));
    }
}
