using Erofs.Building.Compressed;
using Erofs.Compression;
using Erofs.Format;
using Erofs.Reading;
using Erofs.Reading.Compressed;
using Erofs.Storage;

namespace Erofs.Tests.Building.Compressed;

/// <summary>
/// Random maps (<see cref="SyntheticMapGenerator"/>) encoded, placed after an inode in a metadata
/// buffer and mapped back by the reader (<see cref="CompressedMapper"/>): every extent must come back
/// with its start, decoded length, kind, algorithm, pcluster address and size.
/// </summary>
public sealed class ZIndexRoundTripTests
{
    private const int MapsPerSeed = 250;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void RandomMapsComeBackThroughTheReader(int seed)
    {
        var generator = new SyntheticMapGenerator(seed);
        var random = new Random(seed);
        for (int i = 0; i < MapsPerSeed; i++)
        {
            var (map, format, inodeAndXattr) = generator.Next();
            var placed = PlacedInode.Encode(map, format, inodeAndXattr, random);
            Assert.Equal(ZIndexSize.Of(format, map.Size, inodeAndXattr) is var predicted && map.IsWholeFileFragment ? ZIndexSize.WholeFileFragment : predicted, placed.Encoded.Bytes.Length);
            Assert.Equal(map.CountOwnedBlocks(), placed.Encoded.Blocks);
            foreach (var e in map.Extents)
            {
                var expected = Expected(map, format, e, placed);
                foreach (long offset in new[] { e.Start, e.End - 1, random.NextInt64(e.Start, e.End) })
                    Assert.Equal(expected, placed.Mapper.Map(placed.Inode, offset));
            }
        }
    }

    [Fact]
    public void TheRandomMapsCoverEveryIndexCase()
    {
        var coverage = new ZIndexCoverage();
        for (int seed = 1; seed <= 8; seed++)
        {
            var generator = new SyntheticMapGenerator(seed);
            for (int i = 0; i < MapsPerSeed; i++)
            {
                var (map, format, inodeAndXattr) = generator.Next();
                coverage.Add(map, format, inodeAndXattr);
            }
        }
        string[] expected =
        [
            "compact", "full", "whole-file fragment", "2B packs", "compact, 0 initial 4B entries", "compact, 2 initial 4B entries",
            "compact, 4 initial 4B entries", "compact, 6 initial 4B entries", "odd last 4B pack (dummy entry)",
            "pack-final NONHEAD stores delta1", "pack-final delta1 clamped", "delta0 clamped", "CBLKCNT entry",
            "pcluster of several blocks", "EOF PLAIN entry", "tail ends on an lcluster boundary", "inline compressed tail",
            "inline uncompressed tail", "fragment tail", "fragment offset beyond 32 bits", "uncompressed pcluster",
            "compressed pcluster", "HEAD2 pcluster", "interlaced advise", "shared (dedupe)", "partial reference",
        ];
        Assert.All(expected, feature => Assert.True(coverage[feature] > 0, $"no random map has: {feature} ({coverage})"));
    }

    private static ZExtent Expected(CompressedFileMap map, ZIndexFormat format, CompressedExtent e, PlacedInode placed)
    {
        int algorithm = e.Format == PclusterFormat.Head2 ? (int)map.Head2Algorithm : e.Format == PclusterFormat.Head1 ? (int)map.Head1Algorithm : 0;
        var kind = e.Format != PclusterFormat.Uncompressed ? ZExtentKind.Compressed
            : map.InterlacedUncompressed ? ZExtentKind.Interlaced : ZExtentKind.Shifted;
        return e.Placement switch
        {
            PclusterPlacement.Fragment => new ZExtent(e.Start, e.Length, ZExtentKind.Fragment, 0, (long)e.FragmentOffset, 0, false, false),
            PclusterPlacement.Inline => new ZExtent(e.Start, e.Length, kind, algorithm, placed.InlinePosition, e.InlineSize, true, false),
            _ => new ZExtent(e.Start, e.Length, kind, algorithm, (long)e.BlockAddress << format.BlockSizeBits, e.BlockCount << format.BlockSizeBits, false, e.Partial),
        };
    }
}
