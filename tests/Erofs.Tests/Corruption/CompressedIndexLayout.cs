using Erofs.Format;
using Erofs.Reading;

namespace Erofs.Tests.Corruption;

/// <summary>
/// Where the map header and the lcluster indexes (or encoded extent records) of one compressed
/// inode lie in a <see cref="HostileImage"/>, computed from the format (erofs-format.md §8.2-8.4, 8.8),
/// so tests can read and patch single entries. Inodes of the primary device only (no metabox).
/// </summary>
internal sealed class CompressedIndexLayout
{
    private readonly HostileImage _image;
    private readonly int _blockSizeBits;

    public CompressedIndexLayout(HostileImage image, InodeInfo inode)
    {
        if (!inode.IsCompressed || (inode.Nid & InodeDecoder.MetaboxBit) != 0)
            throw new ArgumentException($"nid {inode.Nid} is not a compressed inode of the primary device", nameof(inode));
        _image = image;
        Inode = inode;
        _blockSizeBits = image.Superblock.BlockSizeBits;
        Header = (inode.Location + inode.InodeSize + inode.XattrSize + 7) & ~7L;
    }

    public InodeInfo Inode { get; }

    /// <summary>Absolute offset of the 8-byte map header.</summary>
    public long Header { get; }

    /// <summary>First byte after the header (compact entries start here; full entries 8 bytes later).</summary>
    public long IndexStart => Header + ZMapHeader.Size;

    public ZMapHeader MapHeader => ZMapHeader.Parse(_image.Bytes.AsSpan((int)Header, ZMapHeader.Size));

    public bool IsCompact => Inode.Layout == InodeLayout.CompressedCompact;

    public bool IsWholeFileFragment => MapHeader.IsWholeFileFragment;

    public bool UsesEncodedExtents => !IsCompact && !IsWholeFileFragment && (MapHeader.Advise & 1) != 0;

    public int LclusterBits => _blockSizeBits + (MapHeader.ClusterBits & 15);

    /// <summary>Number of index entries: one per block of i_size.</summary>
    public long Count => (long)((Inode.Size + (1UL << _blockSizeBits) - 1) >> _blockSizeBits);

    /// <summary>Absolute offset of full index entry <paramref name="lcn"/> (8 bytes: advise, clusterofs, blkaddr or delta0/delta1).</summary>
    public long FullEntry(long lcn) => IndexStart + ZMapHeader.FullIndexReserved + lcn * ZMapHeader.FullIndexSize;

    /// <summary>Encoded extents: record size (4, 8, 16 or 32).</summary>
    public int RecordSize => 4 << ((MapHeader.Advise >> 1) & 3);

    /// <summary>Encoded extents: first record (for 4-byte records, the le64 physical start).</summary>
    public long RecordsStart => (IndexStart + RecordSize - 1) / RecordSize * RecordSize;

    /// <summary>Encoded extents with 4-byte records: offset of the plen of lcluster <paramref name="lcn"/>.</summary>
    public long PlenOf4ByteRecord(long lcn) => RecordsStart + 8 + 4 * lcn;

    /// <summary>One past the last byte of the index area (where a ztailpacking inline pcluster starts).</summary>
    public long IndexEnd
    {
        get
        {
            if (IsWholeFileFragment)
                return IndexStart;
            if (UsesEncodedExtents)
            {
                return RecordSize switch
                {
                    4 => RecordsStart + 8 + 4 * Count,
                    8 => RecordsStart + 8 * Count,
                    _ => RecordsStart + (long)Math.Min(MapHeader.ExtentCount, (ulong)Count) * RecordSize,
                };
            }
            if (!IsCompact)
                return FullEntry(Count);
            if (Count == 0)
                return IndexStart;
            var slot = CompactSlot(Count - 1);
            return slot.Pack + slot.PackSize;
        }
    }

    /// <summary>Compact indexes: the pack holding entry <paramref name="lcn"/> and the entry's index in it.</summary>
    public (long Pack, int PackSize, int Index, int EncodeBits) CompactSlot(long lcn)
    {
        long ebase = IndexStart;
        long initial4 = ((32 - ebase % 32) / 4) & 7;
        long compact2 = (MapHeader.Advise & 1) != 0 && initial4 < Count ? (Count - initial4) / 16 * 16 : 0;
        long pos;
        int shift;
        if (lcn < initial4)
            (pos, shift) = (ebase + 4 * lcn, 2);
        else if (lcn - initial4 < compact2)
            (pos, shift) = (ebase + 4 * initial4 + 2 * (lcn - initial4), 1);
        else
            (pos, shift) = (ebase + 4 * initial4 + 2 * compact2 + 4 * (lcn - initial4 - compact2), 2);
        int packSize = shift == 2 ? 8 : 32;
        long pack = pos & ~(long)(packSize - 1);
        int count = shift == 2 ? 2 : 16;
        return (pack, packSize, (int)((pos - pack) >> shift), (packSize - 4) * 8 / count);
    }

    /// <summary>Compact indexes: the le32 base block address of the pack holding <paramref name="lcn"/>.</summary>
    public long CompactBase(long lcn)
    {
        var slot = CompactSlot(lcn);
        return slot.Pack + slot.PackSize - 4;
    }

    /// <summary>Compact indexes: type (0 PLAIN, 1 HEAD1, 2 NONHEAD, 3 HEAD2) and lo bits of entry <paramref name="lcn"/>.</summary>
    public (int Type, int Lo) ReadCompact(long lcn)
    {
        var (at, shift, loBits) = CompactBits(lcn);
        uint v = _image.ReadU32(at) >> shift;
        return ((int)(v >> loBits) & 3, (int)(v & ((1u << loBits) - 1)));
    }

    /// <summary>Compact indexes: overwrites entry <paramref name="lcn"/> (other entries of the pack unchanged).</summary>
    public void WriteCompact(long lcn, int type, int lo)
    {
        var (at, shift, loBits) = CompactBits(lcn);
        uint mask = ((1u << (loBits + 2)) - 1) << shift;
        uint value = ((uint)(type << loBits) | (uint)lo) << shift;
        _image.WriteU32(at, (_image.ReadU32(at) & ~mask) | (value & mask));
    }

    private (long At, int Shift, int LoBits) CompactBits(long lcn)
    {
        var (pack, _, index, encodeBits) = CompactSlot(lcn);
        int bit = index * encodeBits;
        return (pack + bit / 8, bit & 7, Math.Max(LclusterBits, 12));
    }
}
