using Erofs.Format;

namespace Erofs.Reading.Compressed;

/// <summary>
/// Maps a file offset of a full- or compact-indexed inode to its whole extent: find the HEAD by
/// looking back, the decoded length by looking ahead, the pcluster size from CBLKCNT, and the
/// special tail (inline or fragment).
/// </summary>
internal sealed class LclusterMapper(LclusterIndexReader indexes, ZInodeLayout z, int blockSizeBits, ushort availableAlgorithms)
{
    private readonly ulong _nid = z.Inode.Nid;
    private readonly long _size = (long)z.Inode.Size;

    /// <summary>The HEAD lcluster of the extent holding <paramref name="offset"/>, and the entry loaded first.</summary>
    public (Lcluster Head, Lcluster First) FindHead(long offset)
    {
        long lcn = offset >> z.LclusterBits;
        long within = offset & (z.LclusterSize - 1);
        var first = indexes.Load(lcn);
        if (first.IsHead && within >= first.ClusterOffset)
            return (first, first);
        int distance = first.Delta0;
        if (first.IsHead)
        {
            if (lcn == 0)
                throw new ErofsContentException("offset lies before the first extent of lcluster 0", _nid);
            distance = 1;
        }
        var current = first;
        while (true)
        {
            if (distance <= 0 || current.Lcn < distance)
                throw new ErofsContentException($"bogus lookback distance {distance} at lcluster {current.Lcn}", _nid);
            current = indexes.Load(current.Lcn - distance);
            if (current.IsHead)
                return (current, first);
            distance = current.Delta0;
        }
    }

    public ZExtent Map(long offset)
    {
        var (head, _) = FindHead(offset);
        long start = (head.Lcn << z.LclusterBits) | (long)head.ClusterOffset;
        long length = DecodedLength(head, start);
        bool isTail = head.Lcn == z.TailHeadLcn;
        if (isTail && z.HasInlineTail)
            return WithFormat(head, new ZExtent(start, length, ZExtentKind.Compressed, 0, z.InlineDataPosition, z.Header.InlineDataSize, true, head.PartialRef));
        if (isTail && z.HasFragmentTail)
            return new ZExtent(start, length, ZExtentKind.Fragment, 0, (long)z.FragmentOffset, 0, false, false);
        long address = (long)head.BlockAddress << blockSizeBits;
        int blocks = CompressedBlocks(head);
        return WithFormat(head, new ZExtent(start, length, ZExtentKind.Compressed, 0, address, blocks << blockSizeBits, false, head.PartialRef));
    }

    // Decoded extent length: step lcluster by lcluster to the next HEAD (or the end of the file).
    // Stepping, not trusting delta1 jumps, finds a HEAD that a damaged delta1 would skip over, so a
    // page read alone and the whole file read at once always see the same extent, as in the kernel.
    private long DecodedLength(Lcluster head, long start)
    {
        for (long lcn = head.Lcn + 1; ; lcn++)
        {
            if (lcn << z.LclusterBits >= _size)
                return _size - start;
            var e = indexes.Load(lcn);
            if (e.IsHead)
                return Math.Min((lcn << z.LclusterBits) + e.ClusterOffset, _size) - start;
            // Each NONHEAD must point back at this HEAD (distances clamp at 0x7FF; CBLKCNT entries count blocks instead).
            if (e.CompressedBlocks == 0 && !PointsBackTo(e, lcn - head.Lcn))
                throw new ErofsContentException($"lcluster {lcn} looks back {e.Delta0}, but its HEAD is {lcn - head.Lcn} lclusters back", _nid);
            if ((lcn << z.LclusterBits) - start > ZMapHeader.MaxDecodedExtent)
                throw new ErofsContentException($"extent at {start} decodes to more than {ZMapHeader.MaxDecodedExtent} bytes", _nid);
        }
    }

    // A compact pack's last entry stores delta1, its delta0 is the previous entry's + 1: after a clamped
    // 0x7FF that is 0x800, which still leads back to the HEAD (the walk goes on from a NONHEAD).
    private static bool PointsBackTo(Lcluster e, long distance)
        => e.Delta0 == Math.Min(distance, 0x7FF) || (distance >= 0x800 && e.Delta0 == 0x800);

    // Pcluster size in blocks: 1, unless big pclusters apply and the next lcluster counts them (CBLKCNT).
    private int CompressedBlocks(Lcluster head)
    {
        bool big = head.Type == LclusterType.Head1
            ? (z.Advise & ZMapHeader.AdviseFlags.BigPcluster1) != 0
            : (z.Advise & ZMapHeader.AdviseFlags.BigPcluster2) != 0;
        long next = head.Lcn + 1;
        if (!big || next << z.LclusterBits >= _size)
            return 1;
        var e = indexes.Load(next);
        if (e.Type != LclusterType.NonHead || e.CompressedBlocks == 0)
        {
            if (e.Type == LclusterType.NonHead && e.Delta0 != 1)
                throw new ErofsContentException($"bogus CBLKCNT at lcluster {next}", _nid);
            return 1;
        }
        if (e.CompressedBlocks << blockSizeBits > ZMapHeader.MaxPcluster)
            throw new ErofsContentException($"pcluster of {e.CompressedBlocks} blocks exceeds {ZMapHeader.MaxPcluster} bytes", _nid);
        return e.CompressedBlocks;
    }

    // PLAIN heads are stored uncompressed (shifted or interlaced); HEAD1/HEAD2 name the algorithm.
    private ZExtent WithFormat(Lcluster head, ZExtent e)
    {
        if (head.Type == LclusterType.Plain)
        {
            if (e.Length > e.PhysicalLength)
                throw new ErofsContentException($"uncompressed extent of {e.Length} bytes in a {e.PhysicalLength}-byte pcluster", _nid);
            bool interlaced = (z.Advise & ZMapHeader.AdviseFlags.InterlacedPcluster) != 0;
            return e with { Kind = interlaced ? ZExtentKind.Interlaced : ZExtentKind.Shifted };
        }
        int algorithm = head.Type == LclusterType.Head2 ? z.Header.AlgorithmType >> 4 : z.Header.AlgorithmType & 15;
        if ((availableAlgorithms & (1 << algorithm)) == 0)
            throw new ErofsContentException($"extent uses compression algorithm {algorithm}, which the superblock does not list", _nid);
        return e with { Algorithm = algorithm };
    }
}
