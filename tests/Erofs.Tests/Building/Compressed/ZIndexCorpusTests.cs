using Erofs.Building.Compressed;
using Xunit.Abstractions;

namespace Erofs.Tests.Building.Compressed;

/// <summary>
/// The oracle: every compressed inode of every compressed erofs-utils 1.9.3 corpus image, decoded by
/// the reader into a <see cref="CompressedFileMap"/> and re-encoded, must give the on-disk map header and
/// index area byte for byte, the inode's datalayout and i_u, and the index size predicted from i_size alone.
/// </summary>
public sealed class ZIndexCorpusTests(ITestOutputHelper output)
{
    /// <summary>Every corpus image with compressed inodes that use lcluster indexes (48bit-zstd and
    /// metabox-lz4 hold only 48-bit encoded extents).</summary>
    private static readonly string[] ImageNames =
    [
        "lz4", "lz4hc", "lz4hc-bigpcluster", "lz4-legacy", "lz4-ztailpacking", "lz4-fragments",
        "lz4-all-fragments-dedupe", "lzma", "lzma-ztail-frag", "deflate", "zstd", "zstd-ztailpacking",
        "compressed-dirs", "metadata-zone", "large-lz4hc", "large-lzma", "large-zstd", "large-deflate",
        "tar-full-lz4-fingerprint",
    ];

    public static TheoryData<string> Images => new(ImageNames);

    [Theory]
    [MemberData(nameof(Images))]
    public void EveryCompressedInodeReencodesToItsOnDiskBytes(string name)
    {
        using var image = new CompressedCorpusImage(name);
        var result = ZIndexOracle.Check(image);
        output.WriteLine($"{name}: {result}");
        output.WriteLine($"  {result.Coverage}");
        Assert.True(result.Failures.Count == 0, string.Join("\n", result.Failures.Take(20)));
        Assert.True(result.Matched > 0, $"{name} has no compressed inode");
    }

    [Fact]
    public void TheCorpusExercisesEveryIndexCase()
    {
        var coverage = new ZIndexCoverage();
        foreach (string name in ImageNames)
        {
            using var image = new CompressedCorpusImage(name);
            foreach (var disk in image.CompressedInodes().Where(d => !d.UsesEncodedExtents))
                coverage.Add(disk.ToMap(image.Mapper), disk.Format, disk.InodeAndXattrSize);
        }
        output.WriteLine(coverage.ToString());
        string[] expected =
        [
            // No corpus inode has 2 or 4 initial 4B entries (inode + xattrs of 16 or 8 mod 32 bytes):
            // DebianMkfsIndexTests and the random round trip cover those.
            "compact", "full", "whole-file fragment", "2B packs", "compact, 0 initial 4B entries",
            "compact, 6 initial 4B entries", "odd last 4B pack (dummy entry)",
            "pack-final NONHEAD stores delta1", "CBLKCNT entry", "pcluster of several blocks", "EOF PLAIN entry",
            "tail ends on an lcluster boundary", "inline compressed tail", "inline uncompressed tail", "fragment tail",
            "uncompressed pcluster", "compressed pcluster", "interlaced advise", "shared (dedupe)",
        ];
        Assert.All(expected, feature => Assert.True(coverage[feature] > 0, $"no corpus inode has: {feature}"));
    }
}
