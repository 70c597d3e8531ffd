using Erofs.Compression;
using Erofs.Format;
using Erofs.Storage;

namespace Erofs.Tests.Compression;

/// <summary>The COMPR_CFGS records (and the pre-cfgs u1 field) of the corpus images, plus malformed records.</summary>
public sealed class CompressionConfigTests
{
    // image, available bitmap, cfgs?, lz4 max distance, lz4 max pclusterblks, lzma dict, deflate windowbits, zstd windowlog
    public static TheoryData<string, int, bool, int, int, long, int, int> Images => new()
    {
        { "lz4.erofs", 0x1, false, 65535, 1, 0, 0, 0 },
        { "lz4hc-bigpcluster.erofs", 0x1, true, 65535, 16, 0, 0, 0 },
        { "large-lz4hc.erofs", 0x1, true, 65535, 16, 0, 0, 0 },
        { "lz4-fragments.erofs", 0x1, true, 65535, 4, 0, 0, 0 },
        { "lzma.erofs", 0x2, true, 0, 1, 256 << 10, 0, 0 },
        { "lzma-ztail-frag.erofs", 0x2, true, 0, 1, 128 << 10, 0, 0 },
        { "large-lzma.erofs", 0x2, true, 0, 1, 4 << 20, 0, 0 },
        { "deflate.erofs", 0x4, true, 0, 1, 0, 15, 0 },
        { "large-deflate.erofs", 0x4, true, 0, 1, 0, 15, 0 },
        { "zstd.erofs", 0x8, true, 0, 1, 0, 0, 9 },
        { "zstd-ztailpacking.erofs", 0x8, true, 0, 1, 0, 0, 5 },
        { "48bit-zstd.erofs", 0x8, true, 0, 1, 0, 0, 5 },
        { "large-zstd.erofs", 0x8, true, 0, 1, 0, 0, 10 },
        { "metabox-lz4.erofs", 0x1, false, 65535, 1, 0, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void Corpus_images_have_the_expected_configuration(
        string image, int available, bool cfgs, int distance, int blocks, long dictionary, int windowBits, int windowLog)
    {
        using var source = new FileBlockSource(CompressionCorpus.PathOf(image));
        var config = CompressionConfig.Read(CompressionCorpus.ReadSuperblock(source), source);
        Assert.Equal(available, config.AvailableAlgorithms);
        Assert.Equal(cfgs, config.HasConfigRecords);
        Assert.True(config.IsCompressedFilesystem);
        Assert.Equal(distance, config.Lz4MaxDistance);
        Assert.Equal(blocks, config.Lz4MaxPclusterBlocks);
        Assert.Equal(dictionary, config.LzmaDictionarySize);
        Assert.Equal(windowBits, config.DeflateWindowBits);
        Assert.Equal(windowLog, config.ZstdWindowLog);
    }

    [Theory]
    [InlineData("plain.erofs")]
    [InlineData("48bit.erofs")]
    [InlineData("b512.erofs")]
    public void Plain_images_are_not_compressed_filesystems(string image)
    {
        using var source = new FileBlockSource(CompressionCorpus.PathOf(image));
        var config = CompressionConfig.Read(CompressionCorpus.ReadSuperblock(source), source);
        Assert.False(config.IsCompressedFilesystem);
        Assert.False(config.HasConfigRecords);
    }

    [Fact]
    public void All_four_records_are_read_in_id_order_at_4_byte_alignment()
    {
        // The layout mkfs writes for -zlz4hc:lzma:deflate:zstd -C16384 (erofs-format.md §2.2).
        var area = new byte[4096 - 1152];
        Put(area, 0, [0x0e, 0x00, 0xff, 0xff, 0x04, 0x00]);
        Put(area, 16, [0x0e, 0x00, 0x00, 0x00, 0x01, 0x00]);
        Put(area, 32, [0x06, 0x00, 0x0f]);
        Put(area, 40, [0x06, 0x00, 0x00, 0x07]);
        var config = CompressionConfig.Parse(Sb(0xF), area);
        Assert.Equal([CompressionAlgorithm.Lz4, CompressionAlgorithm.Lzma, CompressionAlgorithm.Deflate, CompressionAlgorithm.Zstd], config.Algorithms);
        Assert.Equal((65535, 4, 65536u, 15, 7), (config.Lz4MaxDistance, config.Lz4MaxPclusterBlocks, config.LzmaDictionarySize, config.DeflateWindowBits, config.ZstdWindowLog));
    }

    [Fact]
    public void Lz4_max_pclusterblks_0_reads_as_1() =>
        Assert.Equal(1, CompressionConfig.Parse(Sb(0x1), Record(14, [0xff, 0xff, 0, 0])).Lz4MaxPclusterBlocks);

    [Theory]
    [InlineData(0x2, 0, new byte[] { 0, 0, 0x10, 0 }, "length 0")]
    [InlineData(0x2, 14, new byte[] { 1, 0, 0x80, 0 }, "exceeds 8 MiB")]
    [InlineData(0x2, 14, new byte[] { 0, 0, 1, 0, 1, 0 }, "not MicroLZMA")]
    [InlineData(0x2, 6, new byte[] { 0, 0, 1, 0 }, "need 14")]
    [InlineData(0x4, 6, new byte[] { 7 }, "outside 8..15")]
    [InlineData(0x4, 6, new byte[] { 16 }, "outside 8..15")]
    [InlineData(0x8, 6, new byte[] { 0, 11 }, "over 1 MiB")]
    [InlineData(0x8, 6, new byte[] { 1, 5 }, "format 1")]
    [InlineData(0x1, 14, new byte[] { 0xff, 0xff, 0x01, 0x01 }, "exceeds 1 MiB")]
    [InlineData(0x8, 4000, new byte[] { 0, 5 }, "runs past")]
    public void Malformed_records_are_content_errors(int available, int length, byte[] payload, string reason)
    {
        var e = Assert.Throws<ErofsContentException>(() => CompressionConfig.Parse(Sb((ushort)available), Record(length, payload)));
        Assert.Contains(reason, e.Message);
        Assert.NotNull(e.Offset);
    }

    [Fact]
    public void A_second_record_past_the_block_is_a_content_error()
    {
        var area = Record(14, [0xff, 0xff, 1, 0]).AsSpan(0, 16).ToArray();   // room for the LZ4 record only
        var e = Assert.Throws<ErofsContentException>(() => CompressionConfig.Parse(Sb(0x3), area));
        Assert.Contains("LZMA record starts past", e.Message);
    }

    [Fact]
    public void Unknown_algorithm_bits_are_not_supported()
    {
        var e = Assert.Throws<NotSupportedException>(() => CompressionConfig.Parse(Sb(0x11), Record(14, [])));
        Assert.Contains("0x0011", e.Message);
    }

    [Fact]
    public void Without_cfgs_u1_is_the_lz4_distance()
    {
        var config = CompressionConfig.Parse(new Superblock { U1 = 4096, BlockSizeBits = 12 }, []);
        Assert.Equal([CompressionAlgorithm.Lz4], config.Algorithms);
        Assert.Equal((4096, 1, false, true), (config.Lz4MaxDistance, config.Lz4MaxPclusterBlocks, config.HasConfigRecords, config.IsCompressedFilesystem));
    }

    [Fact]
    public void Records_of_a_512_byte_block_image_end_at_1536()
    {
        var sb = new Superblock { FeatureIncompat = FeatureIncompat.ComprCfgs, U1 = 0x8, BlockSizeBits = 9 };
        Assert.Equal(1536, CompressionConfig.RecordAreaEnd(sb));
        var bytes = new byte[2048];
        Put(bytes, 1152, [0x06, 0x00, 0x00, 0x03]);
        using var source = new MemoryBlockSource(bytes);
        Assert.Equal(3, CompressionConfig.Read(sb, source).ZstdWindowLog);
    }

    private static Superblock Sb(ushort available)
        => new() { FeatureIncompat = FeatureIncompat.ComprCfgs | FeatureIncompat.ZeroPadding, U1 = available, BlockSizeBits = 12 };

    private static byte[] Record(int length, byte[] payload)
    {
        var area = new byte[4096 - 1152];
        area[0] = (byte)length;
        area[1] = (byte)(length >> 8);
        Put(area, 2, payload);
        return area;
    }

    private static void Put(byte[] area, int at, byte[] bytes) => bytes.CopyTo(area, at);
}
