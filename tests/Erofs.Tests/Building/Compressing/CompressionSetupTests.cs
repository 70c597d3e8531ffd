using Erofs.Building.Compressing;
using Erofs.Building.Layout;
using Erofs.Compression;

namespace Erofs.Tests.Building.Compressing;

/// <summary>Hints files, per-file policy, and what the superblock declares for a -z list.</summary>
public sealed class CompressionSetupTests
{
    private static CompressionOptions Options(string algorithms, int pcluster = 0, string hints = "") => new()
    {
        Compressors = [.. algorithms.Split(':').Select(a => new CompressorOptions(a))],
        PclusterSize = pcluster,
        Hints = CompressHintsFile.Parse(hints, "hints"),
    };

    [Fact]
    public void HintsSkipCommentsAndBlankLinesAndDefaultTheIndexToZero()
    {
        var hints = CompressHintsFile.Parse("# c\n\n  16384 1 \\.so$ \r\n4096\tdoc/\n", "h");
        Assert.Equal([new CompressHint(16384, 1, "\\.so$", "h:3"), new CompressHint(4096, 0, "doc/", "h:4")], hints);
    }

    [Fact]
    public void FirstMatchingHintWinsAndZeroMeansUncompressed()
    {
        using var setup = CompressionSetup.Create(Options("lz4:lzma", 8192, "0 \\.jpg$\n65536 1 ^usr/lib/\n16384 usr/\n"), 4096);
        Assert.Null(setup.PolicyFor("/usr/share/a.jpg"));
        Assert.Equal((1, 65536), setup.PolicyFor("/usr/lib/libc.so"));
        Assert.Equal((0, 16384), setup.PolicyFor("/usr/bin/ls"));
        Assert.Equal((0, 8192), setup.PolicyFor("/etc/passwd"));
        Assert.Equal(65536, setup.MaxPclusterBytes);
    }

    [Fact]
    public void Lz4WithOneBlockPclustersNeedsNoRecords()
    {
        using var setup = CompressionSetup.Create(Options("lz4hc"), 4096);
        Assert.False(setup.HasConfigRecords);
        Assert.Equal(65535, ConfigRecordsWriter.U1(setup.Config));
        Assert.Empty(ConfigRecordsWriter.Encode(setup.Config, HeaderLayout.RecordsStart));
    }

    /// <summary>The bytes erofs-format.md §2.2 verified for mkfs.erofs 1.9.3 <c>-zlz4hc:lzma:deflate:zstd -C16384</c>.</summary>
    [Fact]
    public void RecordsMatchMkfsErofsForAllFourAlgorithms()
    {
        using var setup = CompressionSetup.Create(Options("lz4hc:lzma:deflate:zstd", 16384), 4096);
        Assert.True(setup.HasConfigRecords);
        Assert.Equal(0b1111, ConfigRecordsWriter.U1(setup.Config));
        byte[] records = ConfigRecordsWriter.Encode(setup.Config, HeaderLayout.RecordsStart);
        Assert.Equal("0e00ffff0400" + "00000000000000000000" + "0e000000010000000000000000000000" + "06000f0000000000" + "0600000700000000",
            Convert.ToHexStringLower(records));
        var parsed = CompressionConfig.Parse(
            new Erofs.Format.Superblock { FeatureIncompat = Erofs.Format.FeatureIncompat.ComprCfgs, U1 = 0b1111, BlockSizeBits = 12 },
            [.. records, .. new byte[64]]);
        Assert.Equal((65536u, (byte)15, (byte)7, (ushort)4), (parsed.LzmaDictionarySize, parsed.DeflateWindowBits, parsed.ZstdWindowLog, parsed.Lz4MaxPclusterBlocks));
    }

    [Theory]
    [InlineData("lz4", 6000, "", "-C: pcluster size 6000 must be a multiple of the block size 4096")]
    [InlineData("lz4", 0, "8192 1 x", "hints:1: algorithm index 1 is out of range (the -z list has 1)")]
    [InlineData("lz4", 0, "8192 (", "hints:1: Invalid regular expression '('")]
    [InlineData("brotli", 0, "", "unknown compression algorithm 'brotli'")]
    public void BadValuesAreRefusedWithTheirPlace(string algorithms, int pcluster, string hints, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => Options(algorithms, pcluster, hints).Validate(4096));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
