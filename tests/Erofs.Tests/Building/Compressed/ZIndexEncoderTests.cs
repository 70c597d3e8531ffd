using Erofs.Building.Compressed;
using Erofs.Compression;
using Erofs.Format;

namespace Erofs.Tests.Building.Compressed;

/// <summary>
/// Hand-computed encodings (erofs-format.md §8.2-8.4): the map header, full and compact entries with
/// their pack bases, the pack-final delta1, the EOF PLAIN entry and the dummy entry of an odd last pack.
/// </summary>
public sealed class ZIndexEncoderTests
{
    private static readonly ZIndexFormat Full4K = new(12, InodeLayout.CompressedFull, bigPclusters: false);
    private static readonly ZIndexFormat Compact4K = new(12, InodeLayout.CompressedCompact, bigPclusters: false);

    // 10000 bytes: [0, 6000) in block 100 and [6000, 10000) in block 101; the second extent starts at
    // clusterofs 1904 of lcluster 1 and ends in lcluster 2 at 1808, where a PLAIN entry marks EOF.
    private static CompressedFileMap TwoExtents => new()
    {
        Size = 10000,
        FirstBlock = 100,
        Extents =
        [
            CompressedExtent.InBlocks(0, 6000, PclusterFormat.Head1, 100, 1),
            CompressedExtent.InBlocks(6000, 4000, PclusterFormat.Head1, 101, 1),
        ],
    };

    [Fact]
    public void FullIndexesAreTheHeaderEightZeroBytesAndEightBytesPerLcluster()
    {
        var encoded = ZIndexEncoder.Encode(TwoExtents, Full4K, 32);
        Assert.Equal(
            "0000000000000000" + "0000000000000000" + "0100000064000000" + "0100700765000000" + "0000100700000000",
            Convert.ToHexString(encoded.Bytes));
        Assert.Equal((InodeLayout.CompressedFull, 2u, 32, 0), (encoded.Layout, encoded.Blocks, encoded.HeaderOffset, encoded.InlineSize));
    }

    [Fact]
    public void CompactIndexesFitInFourBytePacksWhenTheFileIsShorterThanTheInitialRun()
    {
        // Index start 40 (inode 32 + header 8): 6 initial 4B entries > 3, so two 4B packs; the second
        // gets a dummy PLAIN entry. Bases: the block before each pack's first HEAD (99, then 101).
        var encoded = ZIndexEncoder.Encode(TwoExtents, Compact4K, 32);
        Assert.Equal("0000000001000000" + "0010701763000000" + "1007000065000000", Convert.ToHexString(encoded.Bytes));
        Assert.Equal(InodeLayout.CompressedCompact, encoded.Layout);
    }

    [Fact]
    public void ThePackFinalNonheadStoresDelta1()
    {
        // One extent over 6 lclusters: entries HEAD, then NONHEADs with delta0 1..5; the second entry of
        // each 4B pack stores the distance ahead instead (5, 3, 1).
        var map = new CompressedFileMap { Size = 6 * 4096, FirstBlock = 10, Extents = [CompressedExtent.InBlocks(0, 6 * 4096, PclusterFormat.Head1, 10, 1)] };
        var encoded = ZIndexEncoder.Encode(map, Compact4K, 32);
        Assert.Equal("0000000001000000" + "0010052009000000" + "022003200A000000" + "042001200A000000", Convert.ToHexString(encoded.Bytes));
    }

    [Fact]
    public void BigPclustersCountTheirBlocksInTheFirstNonheadAndBasePacksOnTheFirstHead()
    {
        // [0, 10000) in 2 blocks from 50 (CBLKCNT 2 at lcluster 1), [10000, 12000) in block 52.
        var map = new CompressedFileMap
        {
            Size = 12000,
            FirstBlock = 50,
            Extents = [CompressedExtent.InBlocks(0, 10000, PclusterFormat.Head1, 50, 2), CompressedExtent.InBlocks(10000, 2000, PclusterFormat.Head1, 52, 1)],
        };
        var format = new ZIndexFormat(12, InodeLayout.CompressedCompact, bigPclusters: true);
        var encoded = ZIndexEncoder.Encode(map, format, 32);
        // advise 0x07 (2B, BIG_PCLUSTER_1 and _2); pack 1: HEAD 0, CBLKCNT|2 (0x2802), base 50; pack 2: HEAD at 1808, dummy, base 52.
        Assert.Equal("0000000007000000" + "0010022832000000" + "1017000034000000", Convert.ToHexString(encoded.Bytes));
        Assert.Equal(3u, encoded.Blocks);
    }

    [Fact]
    public void AWholeFileFragmentIsItsOffsetWithBit63AndEightZeroBytes()
    {
        var map = new CompressedFileMap { Size = 5000, Extents = [CompressedExtent.Fragment(0, 5000, 0x1234_5678_9A)] };
        var encoded = ZIndexEncoder.Encode(map, Compact4K, 64);
        Assert.Equal("9A78563412000080" + "0000000000000000", Convert.ToHexString(encoded.Bytes));
        Assert.Equal((InodeLayout.CompressedFull, 0u), (encoded.Layout, encoded.Blocks));
    }

    [Fact]
    public void TheHeaderCarriesTheTailAndTheAlgorithms()
    {
        var inline = TwoExtents with
        {
            Extents = [TwoExtents.Extents[0], CompressedExtent.Inline(6000, 4000, PclusterFormat.Head2, 1234)],
            Head1Algorithm = CompressionAlgorithm.Lzma,
            Head2Algorithm = CompressionAlgorithm.Zstd,
            InterlacedUncompressed = true,
        };
        var encoded = ZIndexEncoder.Encode(inline, Compact4K, 36);
        // h_idata_size 1234 (0x04D2), advise 2B | INLINE | INTERLACED = 0x19, algorithms 0x31; header at 40.
        Assert.Equal("0000D20419003100", Convert.ToHexString(encoded.Bytes, 0, 8));
        Assert.Equal((40, 1234, 40 + encoded.Bytes.Length), (encoded.HeaderOffset, encoded.InlineSize, encoded.InlineOffset));
        var fragment = TwoExtents with { Extents = [TwoExtents.Extents[0], CompressedExtent.Fragment(6000, 4000, 0x0000_0007_0000_0010)] };
        var full = ZIndexEncoder.Encode(fragment, Full4K, 32);
        // Full indexes: fragment offset bits 0-31 in the header, bits 32-63 in the tail HEAD's block address.
        Assert.Equal("1000000020000000", Convert.ToHexString(full.Bytes, 0, 8));
        Assert.Equal("0100700707000000", Convert.ToHexString(full.Bytes, 24, 8));
    }

    [Theory]
    [InlineData(12, 32, 1, 16)]       // 6 initial 4B entries > 1: one 4B pack
    [InlineData(12, 32, 6, 32)]       // exactly the initial run
    [InlineData(12, 32, 22, 64)]      // 6 + one 2B pack of 16
    [InlineData(12, 32, 23, 72)]      // ... + one 4B pack with a dummy entry
    [InlineData(12, 56, 16, 40)]      // index start 64: no initial run, one 2B pack
    [InlineData(12, 48, 18, 48)]      // index start 56: 2 initial entries, one 2B pack
    [InlineData(12, 40, 4, 24)]       // index start 48: 4 initial entries
    [InlineData(12, 41, 4, 8 + 8 + 8)] // 41 rounds up to 48: index start 56, 2 initial + 2 in a final pack
    [InlineData(13, 32, 3, 24)]       // 8 KiB lclusters: no 2B packs
    [InlineData(9, 64, 40, 8 + 24 + 64 + 8)] // 512-byte blocks: 6 + 32 (two 2B packs) + 2
    public void CompactSizeDependsOnCountAndAlignmentOnly(int blockBits, int inodeAndXattr, long lclusters, int expected)
    {
        var format = new ZIndexFormat(blockBits, InodeLayout.CompressedCompact, bigPclusters: false);
        long size = (lclusters << blockBits) - 1;
        Assert.Equal(expected, ZIndexSize.Of(format, size, inodeAndXattr));
        var full = new ZIndexFormat(blockBits, InodeLayout.CompressedFull, bigPclusters: false);
        Assert.Equal(16 + 8 * lclusters, ZIndexSize.Of(full, size, inodeAndXattr));
        Assert.Equal(ZIndexSize.HeaderOffset(inodeAndXattr) + expected + 100, ZIndexSize.Footprint(format, size, inodeAndXattr, 100));
    }
}
