using Erofs.Building.Compressed;
using Erofs.Format;
using Erofs.Reading.Compressed;

namespace Erofs.Tests.Building.Compressed;

/// <summary>
/// Maps the format cannot express are refused with a one-line message naming the extent and the rule
/// (they would otherwise encode into indexes that decode to other data); long extents that clamp
/// delta0 still map back through the reader.
/// </summary>
public sealed class ZIndexValidationTests
{
    private const int Lcluster = 4096;
    private static readonly ZIndexFormat Compact = new(12, InodeLayout.CompressedCompact, bigPclusters: true);
    private static readonly ZIndexFormat Full = new(12, InodeLayout.CompressedFull, bigPclusters: true);

    private static readonly Dictionary<string, (CompressedExtent[] Extents, bool Compact)> Cases = new()
    {
        ["gap"] = ([Blocks(0, 5000, 1, 1), Blocks(5001, 100, 2, 1)], true),
        ["empty"] = ([Blocks(0, 5000, 1, 1), Blocks(5000, 0, 2, 1), Blocks(5000, 100, 2, 1)], true),
        ["two starts in an lcluster"] = ([Blocks(0, 100, 1, 1), Blocks(100, 100, 2, 1)], true),
        ["inline not last"] = ([CompressedExtent.Inline(0, 5000, PclusterFormat.Head1, 100), Blocks(5000, 100, 1, 1)], true),
        ["inline of a block"] = ([CompressedExtent.Inline(0, 5000, PclusterFormat.Head1, Lcluster)], true),
        ["fragment not last"] = ([CompressedExtent.Fragment(0, 5000, 0), Blocks(5000, 100, 1, 1)], true),
        ["short big pcluster"] = ([Blocks(0, 5000, 1, 2)], true),
        ["2048 blocks"] = ([Blocks(0, 3 << 20, 1, 2048)], true),
        ["over 12 MiB"] = ([Blocks(0, (12 << 20) + 1, 1, 1)], true),
        ["uncompressed overflow"] = ([CompressedExtent.InBlocks(0, 5000, PclusterFormat.Uncompressed, 1, 1)], true),
        ["compact gap"] = ([Blocks(0, 5000, 1, 1), Blocks(5000, 100, 3, 1)], true),
        ["compact 33-bit fragment"] = ([Blocks(0, 5000, 1, 1), CompressedExtent.Fragment(5000, 100, 1UL << 32)], true),
        ["compact shared"] = ([CompressedExtent.Reference(0, 5000, PclusterFormat.Head1, 1, 1, false)], true),
        ["full big HEAD2"] = ([CompressedExtent.InBlocks(0, 9000, PclusterFormat.Head2, 1, 2)], false),
        ["partial uncompressed"] = ([CompressedExtent.Reference(0, 4096, PclusterFormat.Uncompressed, 1, 1, true)], false),
    };

    public static TheoryData<string, string> BadMaps => new()
    {
        { "gap", "contiguous (expected a start at 5000)" },
        { "empty", "non-empty" },
        { "two starts in an lcluster", "an lcluster holds one extent start" },
        { "inline not last", "only the last extent can be inline" },
        { "inline of a block", "an inline pcluster holds 1..4095 bytes" },
        { "fragment not last", "only the last extent can be a fragment" },
        { "short big pcluster", "covers the next lcluster" },
        { "2048 blocks", "a pcluster spans 1..2047 blocks" },
        { "over 12 MiB", "more than 12582912 bytes" },
        { "uncompressed overflow", "uncompressed data must fit its pcluster" },
        { "compact gap", "expected block 2" },
        { "compact 33-bit fragment", "32-bit fragment offsets" },
        { "compact shared", "need full indexes" },
        { "full big HEAD2", "BIG_PCLUSTER_2" },
        { "partial uncompressed", "a partial reference must be compressed" },
    };

    [Theory]
    [MemberData(nameof(BadMaps))]
    public void AMapTheFormatCannotExpressIsRefused(string what, string message)
    {
        var (extents, compact) = Cases[what];
        var map = new CompressedFileMap { Size = extents[^1].End, FirstBlock = 1, Extents = extents };
        var e = Assert.Throws<ArgumentException>(() => ZIndexEncoder.Encode(map, compact ? Compact : Full, 32));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("compressed extent ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void AnEmptyFileIsNotCompressed()
    {
        var map = new CompressedFileMap { Size = 0, Extents = [] };
        Assert.Contains("a compressed file needs data and extents (size 0, 0 extents)", Assert.Throws<ArgumentException>(() => ZIndexEncoder.Encode(map, Compact, 32)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralBlocksNeedBigPclusters()
    {
        var map = new CompressedFileMap { Size = 9000, FirstBlock = 1, Extents = [Blocks(0, 9000, 1, 2)] };
        var format = new ZIndexFormat(12, InodeLayout.CompressedCompact, bigPclusters: false);
        Assert.Contains("need big pclusters", Assert.Throws<ArgumentException>(() => ZIndexEncoder.Encode(map, format, 32)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompactIndexesNeedLclustersOfAtMost16KiB()
    {
        var e = Assert.Throws<ArgumentException>(() => new ZIndexFormat(15, InodeLayout.CompressedCompact, false));
        Assert.Contains("compact indexes need lclusters of at most 16384 bytes", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ZIndexFormat(12, InodeLayout.FlatPlain, false));
    }

    [Theory]
    [InlineData(InodeLayout.CompressedCompact, false)]
    [InlineData(InodeLayout.CompressedCompact, true)]
    [InlineData(InodeLayout.CompressedFull, true)]
    public void ExtentsOverMoreThan2047LclustersMapBackAtEveryLcluster(InodeLayout layout, bool big)
    {
        // delta0 clamps at 0x7FF; in compact packs the entry after a clamped one derives 0x800, and a
        // pack-final NONHEAD stores delta1 clamped below CBLKCNT. Every lcluster must still find its HEAD.
        const long length = 3000L * Lcluster + 123;
        var map = new CompressedFileMap
        {
            Size = length + 5000,
            FirstBlock = 7,
            Extents = [Blocks(0, length, 7, 1), Blocks(length, 5000, 8, 1)],
        };
        var placed = PlacedInode.Encode(map, new ZIndexFormat(12, layout, big), 32, new Random(1));
        for (long lcn = 0; lcn <= 3000; lcn++)
        {
            var z = placed.Mapper.Map(placed.Inode, lcn * Lcluster);
            Assert.Equal((0L, length, 7L << 12), (z.LogicalStart, z.Length, z.PhysicalAddress));
        }
        var tail = placed.Mapper.Map(placed.Inode, map.Size - 1);
        Assert.Equal((length, 5000L, ZExtentKind.Compressed, 8L << 12), (tail.LogicalStart, tail.Length, tail.Kind, tail.PhysicalAddress));
    }

    private static CompressedExtent Blocks(long start, long length, uint block, int count)
        => CompressedExtent.InBlocks(start, length, PclusterFormat.Head1, block, count);
}
