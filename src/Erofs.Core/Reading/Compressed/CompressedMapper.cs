using System.Collections.Concurrent;
using Erofs.Compression;
using Erofs.Format;

namespace Erofs.Reading.Compressed;

/// <summary>
/// Entry point for mapping compressed inodes: reads each inode's map header once (cached per nid),
/// finds its tail extent, and dispatches to the lcluster or encoded-extent mapper.
/// </summary>
internal sealed class CompressedMapper(Superblock sb, CompressionConfig config, Func<ulong, MetadataSpace> spaceOf)
{
    private const int LayoutCacheLimit = 4096;
    private readonly ConcurrentDictionary<ulong, ZInodeLayout> _layouts = new();
    private readonly ushort _algorithms = config.AvailableAlgorithms;
    private readonly RecordSumCheckpoints _checkpoints = new();

    /// <summary>The extent of <paramref name="inode"/> holding byte <paramref name="offset"/> (below the size).</summary>
    public ZExtent Map(InodeInfo inode, long offset)
    {
        var z = Layout(inode);
        if (z.Header.IsWholeFileFragment)
            return new ZExtent(0, (long)inode.Size, ZExtentKind.Fragment, 0, (long)z.FragmentOffset, 0, false, false);
        return MapWith(z, offset);
    }

    private ZExtent MapWith(ZInodeLayout z, long offset)
    {
        var space = spaceOf(z.Inode.Nid);
        if (z.UsesEncodedExtents)
            return new EncodedExtentMapper(space, z, sb.BlockSizeBits, _checkpoints).Map(offset);
        var indexes = new LclusterIndexReader(space, z, sb.BlockSizeBits);
        return new LclusterMapper(indexes, z, sb.BlockSizeBits, _algorithms).Map(offset);
    }

    private ZInodeLayout Layout(InodeInfo inode)
    {
        if (_layouts.TryGetValue(inode.Nid, out var cached) && cached.Inode == inode)
            return cached;
        var layout = ReadLayout(inode);
        if (_layouts.Count >= LayoutCacheLimit)
            _layouts.Clear();
        _layouts[inode.Nid] = layout;
        return layout;
    }

    private ZInodeLayout ReadLayout(InodeInfo inode)
    {
        if (!config.IsCompressedFilesystem)
            throw new ErofsContentException("compressed inode in an image that declares no compression", inode.Nid, inode.Location);
        long position = ChunkMapper.AlignUp(inode.Location + inode.InodeSize + inode.XattrSize, 8);
        Span<byte> raw = stackalloc byte[ZMapHeader.Size];
        spaceOf(inode.Nid).Read(position, raw, inode.Nid);
        var header = ZMapHeader.Parse(raw);
        var z = new ZInodeLayout { Inode = inode, Header = header, LclusterBits = sb.BlockSizeBits + (header.ClusterBits & 15), HeaderPosition = position };
        if (header.IsWholeFileFragment)
            return z with { FragmentOffset = header.WholeFileFragmentOffset };
        Validate(z);
        if (z.UsesEncodedExtents || inode.Size == 0 || !(z.HasInlineTail || z.HasFragmentTail))
            return z;
        return FindTail(z);
    }

    private void Validate(ZInodeLayout z)
    {
        var h = z.Header;
        if (z.LclusterBits > 30)
            throw new ErofsContentException($"lcluster bits {z.LclusterBits} are out of range", z.Inode.Nid, z.HeaderPosition);
        if (!z.UsesEncodedExtents && ((h.AlgorithmType & 15) > 3 || (h.AlgorithmType >> 4) > 3))
            throw new NotSupportedException($"unknown compression algorithm in h_algorithmtype 0x{h.AlgorithmType:x2} (nid {z.Inode.Nid})");
        var big = z.Advise & (ZMapHeader.AdviseFlags.BigPcluster1 | ZMapHeader.AdviseFlags.BigPcluster2);
        // Big-pcluster advise without the superblock feature is accepted, as the kernel (6.18) does:
        // mkfs.erofs 1.9.3 writes it in 48-bit metabox images (corpus metabox-lz4), which the kernel reads.
        if (z.IsCompact && big != 0 && big != (ZMapHeader.AdviseFlags.BigPcluster1 | ZMapHeader.AdviseFlags.BigPcluster2))
            throw new ErofsContentException("compact indexes with inconsistent big pcluster flags", z.Inode.Nid, z.HeaderPosition);
    }

    // Map the last byte once, as the kernel does, to learn the tail extent's HEAD (and where inline data starts).
    private ZInodeLayout FindTail(ZInodeLayout z)
    {
        var indexes = new LclusterIndexReader(spaceOf(z.Inode.Nid), z, sb.BlockSizeBits);
        var mapper = new LclusterMapper(indexes, z, sb.BlockSizeBits, _algorithms);
        var (head, first) = mapper.FindHead((long)z.Inode.Size - 1);
        var tail = z with { TailHeadLcn = head.Lcn, InlineDataPosition = first.NextPackOffset, FragmentOffset = z.Header.FragmentOffsetOrIdata };
        if (tail.HasInlineTail)
        {
            long blockSize = 1L << sb.BlockSizeBits;
            if ((tail.InlineDataPosition & (blockSize - 1)) + z.Header.InlineDataSize > blockSize)
                throw new ErofsContentException($"inline tail pcluster of {z.Header.InlineDataSize} bytes crosses a block boundary", z.Inode.Nid, tail.InlineDataPosition);
        }
        else if (!z.IsCompact)
        {
            // Full indexes keep bits 32-63 of the fragment offset in the tail HEAD's block address.
            tail = tail with { FragmentOffset = z.Header.FragmentOffsetOrIdata | (ulong)head.BlockAddress << 32 };
        }
        return tail;
    }
}
