using Erofs.Compression;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace Erofs.Tests.Compression;

/// <summary>Zstd specifics: several frames per pcluster and the window cap of partial decoding.</summary>
public sealed class ZstdDecompressorTests
{
    [Fact]
    public void Two_frames_decode_as_one_stream_exactly_and_partially()
    {
        var first = Codec.Text(10_000, 51);
        var second = Codec.Text(7_000, 52);
        byte[] stream = [.. Codec.Zstd(first), .. Codec.Zstd(second)];
        byte[] all = [.. first, .. second];
        var decoder = new ZstdDecompressor(20);
        var output = new byte[all.Length];
        decoder.Decompress(stream, output, partial: false);
        Assert.Equal(all, output);
        var prefix = new byte[12_345];   // crosses the frame boundary
        decoder.Decompress(stream, prefix, partial: true);
        Assert.True(all.AsSpan(0, prefix.Length).SequenceEqual(prefix));
    }

    [Fact]
    public void Partial_decoding_refuses_a_window_beyond_the_configured_one()
    {
        var data = Codec.Text(300_000, 53);
        using var compressor = new Compressor(3);
        compressor.SetParameter(ZSTD_cParameter.ZSTD_c_contentSizeFlag, 0);   // header then states the window
        compressor.SetParameter(ZSTD_cParameter.ZSTD_c_windowLog, 18);
        var stream = compressor.Wrap(data).ToArray();
        var prefix = new byte[1000];
        var e = Assert.Throws<ErofsContentException>(() => new ZstdDecompressor(15).Decompress(stream, prefix, partial: true));
        Assert.StartsWith("Zstd data is corrupt", e.Message);
        new ZstdDecompressor(18).Decompress(stream, prefix, partial: true);
        Assert.True(data.AsSpan(0, prefix.Length).SequenceEqual(prefix));
    }

    [Fact]
    public void A_frame_without_content_size_is_bounded_by_the_destination()
    {
        var data = Codec.Text(50_000, 54);
        using var compressor = new Compressor(3);
        compressor.SetParameter(ZSTD_cParameter.ZSTD_c_contentSizeFlag, 0);
        var stream = compressor.Wrap(data).ToArray();
        var output = new byte[data.Length];
        new ZstdDecompressor(20).Decompress(stream, output, partial: false);
        Assert.Equal(data, output);
        Assert.Throws<ErofsContentException>(() => new ZstdDecompressor(20).Decompress(stream, new byte[data.Length - 1], partial: false));
    }

    [Fact]
    public void The_window_log_must_be_in_zstds_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ZstdDecompressor(9));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ZstdDecompressor(32));
    }
}
