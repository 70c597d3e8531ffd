using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Erofs.Compression;
using Erofs.Compression.Encoding;
using Erofs.Interop;

namespace Erofs.Tests.Compression.Encoding;

/// <summary>What only one algorithm has to get right: LZMA options and first byte, DEFLATE's zero first byte, Zstd's window.</summary>
public sealed class AlgorithmSpecificTests
{
    [Fact]
    public void Lzma_options_struct_has_liblzmas_layout()
    {
        Assert.Equal(112, Unsafe.SizeOf<LzmaOptions>());
        Assert.Equal(20, (int)Marshal.OffsetOf<LzmaOptions>(nameof(LzmaOptions.Lc)));
        Assert.Equal(28, (int)Marshal.OffsetOf<LzmaOptions>(nameof(LzmaOptions.Pb)));
        Assert.Equal(44, (int)Marshal.OffsetOf<LzmaOptions>(nameof(LzmaOptions.Depth)));
        Assert.Equal(96, (int)Marshal.OffsetOf<LzmaOptions>("_reservedPtr1"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(109)]
    public void Lzma_streams_start_with_the_inverted_properties_byte(int level)
    {
        // Every preset uses lc=3 lp=0 pb=2: properties (2·5+0)·9+3 = 0x5D, so the stream starts with 0xA2.
        using var encoder = new PclusterEncoderFactory(EncoderSettings.Create(CompressorKind.Lzma, level)).Create();
        var output = new byte[4096];
        encoder.Encode(Codec.Text(20_000, 3), output, out _);
        Assert.Equal(0xA2, output[0]);
    }

    [Fact]
    public void Lzma_extreme_presets_pack_more_than_level_0()
    {
        var input = EncoderInputs.Get("libcoreclr", 256 << 10);
        int Streams(int level)
        {
            using var encoder = new PclusterEncoderFactory(EncoderSettings.Create(CompressorKind.Lzma, level)).Create();
            return PclusterLoop.Run(encoder, input, 4096).Streams;
        }
        Assert.True(Streams(109) < Streams(0));
    }

    [Theory]
    [InlineData("Libdeflate")]
    [InlineData("Zlib")]
    public void A_deflate_stream_that_opens_with_a_stored_block_gets_a_non_zero_first_byte(string backend)
    {
        // Level 0 stores 64 KiB blocks, so a 128 KiB budget starts with a non-final stored block: first byte 0.
        var settings = EncoderSettings.Create(CompressorKind.Deflate, 0, maxPclusterBytes: 128 << 10);
        using var encoder = new PclusterEncoderFactory(settings, Enum.Parse<EncoderBackend>(backend)).Create();
        var input = Codec.Noise(200_000, 5);
        var output = new byte[128 << 10];
        int written = encoder.Encode(input, output, out int consumed);
        Assert.Equal(DeflateFirstByte.PaddingBit, output[0]);
        var decoded = new byte[consumed];
        DeflateDecompressor.Instance.Decompress(output.AsSpan(0, written), decoded, partial: false);
        Assert.True(input.AsSpan(0, consumed).SequenceEqual(decoded));
    }

    [Fact]
    public void Deflate_first_byte_fix_touches_only_a_zero_byte()
    {
        byte[] stream = [0x00, 0x12];
        DeflateFirstByte.MakeNonZero(stream);
        Assert.Equal([0x08, 0x12], stream);
        byte[] huffman = [0x05, 0x00];
        DeflateFirstByte.MakeNonZero(huffman);
        Assert.Equal([0x05, 0x00], huffman);
    }

    [Fact]
    public void Zstd_frames_respect_the_window_and_the_check_has_teeth()
    {
        // 1 MiB of zeros in a 64 KiB budget is one frame of 1 MiB content. A window smaller than that is declared
        // in the frame header; with a 1 MiB window the frame is "single segment" and its window is its content size.
        // Decoding a prefix (as for a partial extent) makes zstd compare that window with windowLogMax.
        var zeros = new byte[1 << 20];
        var output = new byte[65536];
        var small = EncoderSettings.Create(CompressorKind.Zstd, dictionarySize: 4096);
        using (var encoder = new PclusterEncoderFactory(small).Create())
        {
            int written = encoder.Encode(zeros, output, out int consumed);
            Assert.Equal(zeros.Length, consumed);
            new ZstdDecompressor(12).Decompress(output.AsSpan(0, written), new byte[consumed / 2], partial: true);
        }
        var large = EncoderSettings.Create(CompressorKind.Zstd, dictionarySize: 1 << 20);
        using (var encoder = new PclusterEncoderFactory(large).Create())
        {
            int written = encoder.Encode(zeros, output, out int consumed);
            Assert.Throws<ErofsContentException>(
                () => new ZstdDecompressor(12).Decompress(output.AsSpan(0, written), new byte[consumed / 2], partial: true));
        }
    }

    [Fact]
    public void Zstd_streams_are_single_frames_with_the_magic_first()
    {
        using var encoder = new PclusterEncoderFactory(EncoderSettings.Create(CompressorKind.Zstd)).Create();
        var output = new byte[4096];
        encoder.Encode(Codec.Text(50_000, 9), output, out _);
        Assert.Equal([0x28, 0xB5, 0x2F, 0xFD], output[..4]);
    }
}
