using Erofs.Compression;

namespace Erofs.Tests.Compression;

/// <summary>How <see cref="Decompressors.Get"/> answers for available, missing and unknown algorithms.</summary>
public sealed class DecompressorsTests
{
    private static readonly CompressionConfig AllFour = new()
    {
        AvailableAlgorithms = 0xF, HasConfigRecords = true, IsCompressedFilesystem = true,
        LzmaDictionarySize = 256 << 10, DeflateWindowBits = 15, ZstdWindowLog = 9,
    };

    [Fact]
    public void Each_available_algorithm_gets_a_decoder_configured_from_the_superblock()
    {
        var decompressors = new Decompressors(AllFour);
        foreach (var algorithm in Enum.GetValues<CompressionAlgorithm>())
            Assert.Equal(algorithm, decompressors.Get(algorithm, 1).Algorithm);
        Assert.Equal(256u << 10, Assert.IsType<LzmaDecompressor>(decompressors.Get(CompressionAlgorithm.Lzma, 1)).DictionarySize);
        Assert.Equal(19, Assert.IsType<ZstdDecompressor>(decompressors.Get(CompressionAlgorithm.Zstd, 1)).WindowLogMax);
    }

    [Fact]
    public void An_unknown_algorithm_id_is_not_supported()
    {
        var e = Assert.Throws<NotSupportedException>(() => new Decompressors(AllFour).Get((CompressionAlgorithm)5, 77));
        Assert.Contains("algorithm 5", e.Message);
        Assert.Contains("77", e.Message);
    }

    [Fact]
    public void An_algorithm_missing_from_the_bitmap_is_a_content_error()
    {
        var lz4Only = new CompressionConfig { AvailableAlgorithms = 0x1 };
        var e = Assert.Throws<ErofsContentException>(() => new Decompressors(lz4Only).Get(CompressionAlgorithm.Zstd, 12));
        Assert.Contains("Zstd", e.Message);
        Assert.Equal(12UL, e.Nid);
    }

    [Fact]
    public void Decoders_work_end_to_end_through_get()
    {
        var decompressors = new Decompressors(AllFour);
        var data = Codec.Text(9_000, 61);
        foreach (var algorithm in Enum.GetValues<CompressionAlgorithm>())
        {
            var output = new byte[data.Length];
            decompressors.Get(algorithm, 3).Decompress(Codec.Encode(algorithm, data), output, partial: false, nid: 3, offset: 0);
            Assert.Equal(data, output);
        }
    }
}
