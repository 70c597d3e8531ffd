using Erofs.Building.Compressed;
using Erofs.Compression;
using Erofs.Format;

namespace Erofs.Tests.Building.Compressed;

/// <summary>
/// Random but valid <see cref="CompressedFileMap"/>s: block sizes 512 B..64 KiB, full and compact
/// indexes, with and without big pclusters, every inode + xattr alignment, uncompressed and HEAD1/HEAD2
/// pclusters, big pclusters, extents long enough to clamp delta0, inline and fragment tails, whole-file
/// fragments, and (full indexes) shared and partial references.
/// </summary>
internal sealed class SyntheticMapGenerator(int seed)
{
    private readonly Random _random = new(seed);

    public (CompressedFileMap Map, ZIndexFormat Format, int InodeAndXattrSize) Next()
    {
        int bits = Pick(9, 10, 12, 12, 12, 13, 14, 16);
        bool compact = bits <= ZIndexFormat.MaxCompactLclusterBits && _random.Next(3) != 0;
        var format = new ZIndexFormat(bits, compact ? InodeLayout.CompressedCompact : InodeLayout.CompressedFull, _random.Next(2) == 0);
        // Xattr bodies are a 12-byte header plus 4-aligned entries: every value mod 32 is reachable.
        int inodeAndXattr = Pick(32, 64) + (_random.Next(4) == 0 ? 0 : 12 + 4 * _random.Next(0, 24));
        return (NextMap(format), format, inodeAndXattr);
    }

    private CompressedFileMap NextMap(ZIndexFormat format)
    {
        var map = new CompressedFileMap
        {
            Size = 0,
            Extents = [],
            FirstBlock = (uint)_random.Next(1, 1 << 24),
            Head1Algorithm = CompressionAlgorithm.Lz4,
            Head2Algorithm = CompressionAlgorithm.Lzma,
            InterlacedUncompressed = _random.Next(3) == 0,
        };
        if (_random.Next(12) == 0)
        {
            long size = _random.NextInt64(1, 1 << 22);
            return map with { Size = size, Extents = [CompressedExtent.Fragment(0, size, (ulong)_random.NextInt64(0, 1L << 40))] };
        }
        var extents = new List<CompressedExtent>();
        var tail = (PclusterPlacement)_random.Next(3);
        int count = Pick(1, 1, 2, 3, _random.Next(1, 12), _random.Next(1, 60));
        long pos = 0;
        uint nextBlock = map.FirstBlock;
        for (int i = 0; i < count; i++)
        {
            var placement = i == count - 1 ? tail : PclusterPlacement.Blocks;
            var e = NextExtent(format, pos, placement, i == count - 1, ref nextBlock, extents);
            extents.Add(e);
            pos = e.End;
        }
        return map with { Size = pos, Extents = extents };
    }

    private CompressedExtent NextExtent(ZIndexFormat format, long start, PclusterPlacement placement, bool last, ref uint nextBlock, List<CompressedExtent> earlier)
    {
        var pclusterFormat = Pick(PclusterFormat.Uncompressed, PclusterFormat.Head1, PclusterFormat.Head1, PclusterFormat.Head2);
        long lcs = format.LclusterSize;
        long offset = start & (lcs - 1);
        // Every extent but the last must reach the next lcluster: one extent start per lcluster.
        long minimum = last ? 1 : lcs - offset;
        switch (placement)
        {
            case PclusterPlacement.Inline:
                // Inline data stays below a block (here 32 bytes less, so a placement that fits always exists).
                if (pclusterFormat == PclusterFormat.Uncompressed)
                {
                    int raw = _random.Next(1, (int)lcs - 32);
                    return CompressedExtent.Inline(start, raw, pclusterFormat, raw);
                }
                return CompressedExtent.Inline(start, CompressedLength(format, 1), pclusterFormat, _random.Next(1, (int)lcs - 32));
            case PclusterPlacement.Fragment:
                ulong limit = format.IsCompact ? uint.MaxValue : 1UL << 40;
                return CompressedExtent.Fragment(start, CompressedLength(format, minimum), (ulong)_random.NextInt64(0, (long)limit)) with { Format = pclusterFormat };
        }
        if (format.Layout == InodeLayout.CompressedFull && earlier.Count > 0 && _random.Next(6) == 0)
            return Reference(format, start, minimum, earlier);
        int blocks = BlockCount(format, pclusterFormat);
        long low = blocks > 1 ? Math.Max(minimum, 2 * lcs - offset) : minimum;
        long length = pclusterFormat == PclusterFormat.Uncompressed
            ? _random.NextInt64(low, blocks * lcs + 1)
            : Math.Max(low, CompressedLength(format, low));
        if (format.Layout == InodeLayout.CompressedFull && _random.Next(5) == 0)
            nextBlock += (uint)_random.Next(1, 100); // full indexes store each address: gaps are fine
        var e = CompressedExtent.InBlocks(start, length, pclusterFormat, nextBlock, blocks);
        nextBlock += (uint)blocks;
        return e;
    }

    // Dedupe: reuse an earlier pcluster as it is (same format), whole or a prefix of its output.
    private CompressedExtent Reference(ZIndexFormat format, long start, long minimum, List<CompressedExtent> earlier)
    {
        var source = earlier[_random.Next(earlier.Count)];
        long offset = start & (format.LclusterSize - 1);
        long low = source.BlockCount > 1 ? Math.Max(minimum, 2 * format.LclusterSize - offset) : minimum;
        bool compressed = source.Format != PclusterFormat.Uncompressed;
        long length = compressed ? Math.Max(low, CompressedLength(format, low)) : Math.Min(source.Length, format.LclusterSize);
        if (length < low)
            length = low;
        return CompressedExtent.Reference(start, length, source.Format, source.BlockAddress, source.BlockCount, compressed && _random.Next(2) == 0);
    }

    private int BlockCount(ZIndexFormat format, PclusterFormat pclusterFormat)
    {
        bool big = format.BigPclusters && (pclusterFormat == PclusterFormat.Head1 || format.IsCompact);
        if (!big || _random.Next(2) == 0)
            return 1;
        int max = Math.Min(CompressedFileMapValidator.MaxBlockCount, ZMapHeader.MaxPcluster >> format.BlockSizeBits);
        return _random.Next(2) == 0 ? _random.Next(2, Math.Min(max, 8) + 1) : _random.Next(2, max + 1);
    }

    // Mostly a few lclusters; sometimes thousands (delta0 clamps at 0x7FF), never beyond the 12 MiB readers accept.
    private long CompressedLength(ZIndexFormat format, long minimum)
    {
        long lcs = format.LclusterSize;
        long length = _random.Next(4) switch
        {
            0 => _random.NextInt64(1, lcs + 1),
            1 => _random.NextInt64(lcs, 8 * lcs),
            2 => _random.NextInt64(1, 64 * lcs),
            _ => _random.NextInt64(2000 * lcs, 3200 * lcs),
        };
        return Math.Min(Math.Max(length, minimum), ZMapHeader.MaxDecodedExtent);
    }

    private T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];
}
