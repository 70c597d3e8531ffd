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

    /// <summary>An encoded inode written into a metadata buffer, 32-byte aligned, with its inline tail after the indexes.</summary>
    private sealed record PlacedInode(EncodedZIndex Encoded, InodeInfo Inode, CompressedMapper Mapper, long InlinePosition)
    {
        public static PlacedInode Encode(CompressedFileMap map, ZIndexFormat format, int inodeAndXattr, Random random)
        {
            var encoded = ZIndexEncoder.Encode(map, format, inodeAndXattr);
            int blockSize = 1 << format.BlockSizeBits;
            long location = 32L * random.Next(0, 4 * blockSize / 32);
            // The inline tail must not cross a block boundary: slide the inode forward until it fits.
            while ((location + encoded.InlineOffset) % blockSize + encoded.InlineSize > blockSize)
                location += 32;
            var buffer = new byte[location + encoded.InlineOffset + encoded.InlineSize + blockSize];
            encoded.Bytes.CopyTo(buffer, location + encoded.HeaderOffset);
            random.NextBytes(buffer.AsSpan((int)(location + encoded.InlineOffset), encoded.InlineSize));
            int inodeSize = inodeAndXattr >= 64 && random.Next(2) == 0 ? 64 : 32;
            var inode = new InodeInfo
            {
                Nid = (ulong)location / 32, IsExtended = inodeSize == 64, Layout = encoded.Layout, Mode = 0x81A4, Size = (ulong)map.Size,
                Uid = 0, Gid = 0, Nlink = 1, MtimeSeconds = 0, MtimeNanoseconds = 0, Rdev = 0, Ino = 1, IsDotOmitted = false,
                XattrSize = inodeAndXattr - inodeSize, RawU = encoded.Blocks, StartBlock = 0, Location = location,
            };
            var sb = new Superblock { BlockSizeBits = (byte)format.BlockSizeBits, FeatureIncompat = FeatureIncompat.ZeroPadding | FeatureIncompat.ComprCfgs };
            var config = new CompressionConfig { AvailableAlgorithms = 0b11, IsCompressedFilesystem = true, HasConfigRecords = true };
            var space = new PrimaryMetadataSpace(new MemoryBlockSource(buffer));
            return new PlacedInode(encoded, inode, new CompressedMapper(sb, config, _ => space), location + encoded.InlineOffset);
        }
    }
}
