using Erofs.Compression;
using Erofs.Compression.Encoding;

namespace Erofs.Tests.Compression.Encoding;

/// <summary>Levels, dictionary sizes, mkfs.erofs's defaults and the configuration values the settings declare.</summary>
public sealed class EncoderSettingsTests
{
    [Fact]
    public void Default_levels_are_mkfs_erofs_defaults()
    {
        Assert.Equal(0, EncoderSettings.Create(CompressorKind.Lz4).Level);
        Assert.Equal(9, EncoderSettings.Create(CompressorKind.Lz4Hc).Level);
        Assert.Equal(6, EncoderSettings.Create(CompressorKind.Lzma).Level);
        Assert.Equal(1, EncoderSettings.Create(CompressorKind.Deflate).Level);
        Assert.Equal(3, EncoderSettings.Create(CompressorKind.Zstd).Level);
    }

    [Theory]
    [InlineData(512, 32768u, 4096u)]
    [InlineData(4096, 32768u, 32768u)]
    [InlineData(16384, 65536u, 131072u)]      // mkfs.erofs 1.9.3 -C16384 writes dict 65536 and windowlog 7
    [InlineData(65536, 262144u, 524288u)]
    [InlineData(1 << 20, 4u << 20, 1u << 20)]
    public void Default_dictionaries_follow_the_largest_pcluster(int maxPcluster, uint lzmaDictionary, uint zstdWindow)
    {
        Assert.Equal(lzmaDictionary, EncoderSettings.Create(CompressorKind.Lzma, maxPclusterBytes: maxPcluster).LzmaDictionarySize);
        var zstd = EncoderSettings.Create(CompressorKind.Zstd, maxPclusterBytes: maxPcluster);
        Assert.Equal(zstdWindow, zstd.DictionarySize);
        Assert.Equal(1u << (10 + zstd.ZstdWindowLog), zstdWindow);
    }

    [Fact]
    public void Fixed_limits_are_declared_for_lz4_and_deflate()
    {
        Assert.Equal(65535, EncoderSettings.Create(CompressorKind.Lz4).Lz4MaxDistance);
        Assert.Equal(65535, EncoderSettings.Create(CompressorKind.Lz4Hc, 12).Lz4MaxDistance);
        Assert.Equal(15, EncoderSettings.Create(CompressorKind.Deflate, 12).DeflateWindowBits);
        Assert.Equal(0, EncoderSettings.Create(CompressorKind.Deflate).Lz4MaxDistance);
    }

    [Theory]
    [InlineData("lz4", 0, null, "lz4 has no compression levels")]
    [InlineData("lz4hc", 13, null, "lz4hc level 13 is out of range (0-12)")]
    [InlineData("lz4hc", -1, null, "lz4hc level -1 is out of range")]
    [InlineData("lzma", 10, null, "lzma level 10 is out of range (0-9 or 100-109)")]
    [InlineData("lzma", 110, null, "lzma level 110")]
    [InlineData("deflate", 13, null, "deflate level 13 is out of range (0-12)")]
    [InlineData("zstd", 23, null, "zstd level 23 is out of range")]
    [InlineData("lz4hc", null, 65536u, "lz4hc takes no dictionary size")]
    [InlineData("lzma", null, 4095u, "lzma dictionary size 4095 is out of range (4096-8388608)")]
    [InlineData("lzma", null, 8388609u, "lzma dictionary size 8388609")]
    [InlineData("zstd", null, 3000u, "zstd dictionary size 3000 must be a power of two")]
    [InlineData("zstd", null, 2097152u, "zstd dictionary size 2097152")]
    [InlineData("deflate", null, 16384u, "deflate dictionary size 16384 is not supported")]
    public void Out_of_range_values_give_one_line_naming_the_compressor(string name, int? level, uint? dictionary, string expected)
    {
        Assert.True(CompressorKinds.TryParse(name, out var kind));
        var e = Assert.Throws<ArgumentException>(() => EncoderSettings.Create(kind, level, dictionary));
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2 << 20)]
    public void The_largest_pcluster_must_be_within_the_format(int maxPcluster)
        => Assert.Contains("largest pcluster size", Assert.Throws<ArgumentException>(
            () => EncoderSettings.Create(CompressorKind.Lz4, maxPclusterBytes: maxPcluster)).Message);

    [Fact]
    public void Extreme_and_edge_levels_are_accepted()
    {
        Assert.Equal(109, EncoderSettings.Create(CompressorKind.Lzma, 109).Level);
        Assert.Equal(0, EncoderSettings.Create(CompressorKind.Lz4Hc, 0).Level);
        Assert.Equal(22, EncoderSettings.Create(CompressorKind.Zstd, 22).Level);
        Assert.Equal(-5, EncoderSettings.Create(CompressorKind.Zstd, -5).Level);
        Assert.Equal(8u << 20, EncoderSettings.Create(CompressorKind.Lzma, dictionarySize: 8u << 20).DictionarySize);
    }

    [Fact]
    public void Mkfs_names_parse_case_sensitively()
    {
        foreach (var kind in Enum.GetValues<CompressorKind>())
        {
            Assert.True(CompressorKinds.TryParse(kind.MkfsName(), out var parsed));
            Assert.Equal(kind, parsed);
        }
        Assert.True(CompressorKinds.TryParse("libdeflate", out var deflate));
        Assert.Equal(CompressorKind.Deflate, deflate);
        Assert.False(CompressorKinds.TryParse("LZ4", out _));
        Assert.False(CompressorKinds.TryParse("lz5", out _));
    }

    [Fact]
    public void Adding_to_a_config_marks_the_algorithm_and_keeps_the_largest_limit()
    {
        var config = new CompressionConfig { HasConfigRecords = true };
        config = EncoderSettings.Create(CompressorKind.Lz4Hc, maxPclusterBytes: 16384).AddTo(config);
        config = EncoderSettings.Create(CompressorKind.Lzma, maxPclusterBytes: 16384).AddTo(config);
        config = EncoderSettings.Create(CompressorKind.Lzma, dictionarySize: 8192).AddTo(config);
        config = EncoderSettings.Create(CompressorKind.Deflate, maxPclusterBytes: 16384).AddTo(config);
        config = EncoderSettings.Create(CompressorKind.Zstd, maxPclusterBytes: 16384).AddTo(config);
        config = EncoderSettings.Create(CompressorKind.Zstd, dictionarySize: 1024).AddTo(config);
        // The values mkfs.erofs 1.9.3 writes for -zlz4hc:lzma:deflate:zstd -C16384 (erofs-format.md §2.2).
        Assert.Equal(0b1111, config.AvailableAlgorithms);
        Assert.Equal(65535, config.Lz4MaxDistance);
        Assert.Equal(65536u, config.LzmaDictionarySize);
        Assert.Equal(15, config.DeflateWindowBits);
        Assert.Equal(7, config.ZstdWindowLog);
    }
}
