using System.Buffers.Binary;
using Erofs.Format;

namespace Erofs.Reading.Compressed;

/// <summary>
/// Maps offsets of inodes with 48-bit encoded extents (full layout with the EXTENTS advise):
/// records of 4 (plen only, cumulative start), 8 (plen + 32-bit start, one per lcluster) or
/// 16/32 bytes (explicit logical starts, binary-searched).
/// </summary>
internal sealed class EncodedExtentMapper(MetadataSpace space, ZInodeLayout z, int blockSizeBits, RecordSumCheckpoints checkpoints)
{
    private const uint LengthMask = (1u << 21) - 1;
    private const uint PartialBit = 1u << 27;
    private const int FormatShift = 28;
    private readonly ulong _nid = z.Inode.Nid;
    private readonly long _size = (long)z.Inode.Size;
    private readonly int _recordSize = 4 << ((z.Header.Advise >> 1) & 3);

    private long RecordsStart => ChunkMapper.AlignUp(z.IndexStart, _recordSize);

    public ZExtent Map(long offset)
    {
        var (start, end, plen, address, last) = _recordSize <= 8 ? PerLcluster(offset) : Search(offset);
        if (start >= end)
            throw new ErofsContentException($"encoded extent at {start} is empty", _nid);
        if (last && (z.Advise & ZMapHeader.AdviseFlags.FragmentPcluster) != 0)
        {
            ulong fragment = plen | (_recordSize > 4 ? (ulong)address << 32 : 0);
            return new ZExtent(start, end - start, ZExtentKind.Fragment, 0, (long)fragment, 0, false, false);
        }
        if (plen == 0)
            return new ZExtent(start, end - start, ZExtentKind.Hole, 0, 0, 0, false, false);
        int format = (int)(plen >> FormatShift);
        int length = (int)(plen & LengthMask);
        bool partial = (plen & PartialBit) != 0;
        var kind = format != 0 ? ZExtentKind.Compressed
            : (z.Advise & ZMapHeader.AdviseFlags.InterlacedPcluster) != 0 && (address & ((1L << blockSizeBits) - 1)) == 0 ? ZExtentKind.Interlaced
            : ZExtentKind.Shifted;
        if (kind != ZExtentKind.Compressed && end - start > length)
            throw new ErofsContentException($"uncompressed extent of {end - start} bytes in {length} stored bytes", _nid);
        return new ZExtent(start, end - start, kind, Math.Max(format - 1, 0), address, length, false, partial);
    }

    // recsz 4: one le64 start then a plen per lcluster (starts accumulate); recsz 8: {plen, start} per lcluster.
    private (long Start, long End, uint Plen, long Address, bool Last) PerLcluster(long offset)
    {
        long lcs = z.LclusterSize;
        long lcn = offset >> z.LclusterBits;
        Span<byte> record = stackalloc byte[8];
        long pos = RecordsStart;
        uint plen;
        long address;
        if (_recordSize == 4)
        {
            space.Read(pos, record, _nid);
            long pa = BinaryPrimitives.ReadInt64LittleEndian(record);
            pos += 8;
            // Starts are cumulative: sum the lengths of every earlier lcluster, from the last checkpoint on.
            var (fromLcn, fromSum) = checkpoints.Before(_nid, lcn);
            long sum = fromSum + SumLengths(pos + fromLcn * 4, lcn - fromLcn);
            checkpoints.Remember(_nid, lcn, sum);
            address = pa + sum;
            space.Read(pos + lcn * 4, record[..4], _nid);
            plen = BinaryPrimitives.ReadUInt32LittleEndian(record);
        }
        else
        {
            space.Read(pos + lcn * 8, record, _nid);
            plen = BinaryPrimitives.ReadUInt32LittleEndian(record);
            address = BinaryPrimitives.ReadUInt32LittleEndian(record[4..]);
        }
        long start = lcn << z.LclusterBits;
        long next = start + lcs;
        bool last = next >= (_size + lcs - 1) / lcs * lcs;
        return (start, Math.Min(next, _size), plen, address, last);
    }

    private long SumLengths(long pos, long count)
    {
        long sum = 0;
        var buffer = new byte[4096];
        for (long done = 0; done < count;)
        {
            int n = (int)Math.Min(buffer.Length / 4, count - done);
            space.Read(pos + done * 4, buffer.AsSpan(0, n * 4), _nid);
            for (int i = 0; i < n; i++)
                sum += BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(i * 4)) & LengthMask;
            done += n;
        }
        return sum;
    }

    // recsz 16/32: binary search for the last record starting at or before the offset.
    private (long Start, long End, uint Plen, long Address, bool Last) Search(long offset)
    {
        ulong count = z.Header.ExtentCount;
        long lo = 0, hi = (long)Math.Min(count, (ulong)(long.MaxValue / _recordSize)) - 1, found = -1;
        while (lo <= hi)
        {
            long mid = lo + (hi - lo) / 2;
            if (ReadRecord(mid).Start <= offset)
            {
                found = mid;
                lo = mid + 1;
            }
            else
                hi = mid - 1;
        }
        if (found < 0)
            throw new ErofsContentException($"no encoded extent covers offset {offset}", _nid);
        var r = ReadRecord(found);
        bool last = (ulong)found + 1 >= count;
        long end = last ? _size : Math.Min(ReadRecord(found + 1).Start, _size);
        if (end < r.Start)
            throw new ErofsContentException($"encoded extents {found} and {found + 1} are out of order", _nid);
        return (r.Start, end, r.Plen, r.Address, last);
    }

    private (long Start, uint Plen, long Address) ReadRecord(long index)
    {
        Span<byte> b = stackalloc byte[32];
        space.Read(RecordsStart + index * _recordSize, b[.._recordSize], _nid);
        uint plen = BinaryPrimitives.ReadUInt32LittleEndian(b);
        long address = BinaryPrimitives.ReadUInt32LittleEndian(b[4..]) | (long)BinaryPrimitives.ReadUInt32LittleEndian(b[8..]) << 32;
        long start = BinaryPrimitives.ReadUInt32LittleEndian(b[12..]);
        if (_recordSize > 16)
            start |= (long)BinaryPrimitives.ReadUInt32LittleEndian(b[16..]) << 32;
        if (start < 0 || address < 0)
            throw new ErofsContentException($"encoded extent {index} has an out-of-range address", _nid);
        return (start, plen, address);
    }
}
