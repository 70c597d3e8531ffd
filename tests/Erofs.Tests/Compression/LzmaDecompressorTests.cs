using System.Runtime.CompilerServices;
using Erofs.Compression;
using Erofs.Interop;

namespace Erofs.Tests.Compression;

/// <summary>MicroLZMA through liblzma.so.5: stream shape, fixed-output encoding, and the lzma_stream layout.</summary>
public sealed class LzmaDecompressorTests
{
    [Fact]
    public void Lzma_stream_struct_has_liblzmas_size()
        => Assert.Equal(IntPtr.Size == 8 ? 136 : 88, Unsafe.SizeOf<LzmaStream>());

    [Fact]
    public void Liblzma_is_available_here() => Assert.True(Liblzma.IsAvailable);

    [Fact]
    public void First_byte_is_the_inverted_properties_byte()
    {
        var result = MicroLzmaEncoder.Encode(Codec.Text(10_000, 31), 20_000);
        Assert.Equal(0x5D, result.Properties);            // lc=3 lp=0 pb=2
        Assert.Equal(0xA2, result.Stream[0]);
        var lc1 = MicroLzmaEncoder.Encode(Codec.Text(10_000, 31), 20_000, lc: 1);
        Assert.Equal((byte)~lc1.Properties, lc1.Stream[0]);
        var output = new byte[lc1.Consumed];
        new LzmaDecompressor(64 << 10).Decompress(lc1.Stream, output, partial: false);
        Assert.Equal(Codec.Text(10_000, 31), output);
    }

    [Fact]
    public void Fixed_output_pclusters_decode_to_the_consumed_input()
    {
        // As mkfs does: fill a 4 KiB pcluster with as much input as fits, then decode exactly that.
        var data = Codec.Text(200_000, 32);
        int offset = 0, pclusters = 0;
        var decoder = new LzmaDecompressor(256 << 10);
        while (offset < data.Length)
        {
            var result = MicroLzmaEncoder.Encode(data.AsSpan(offset), 4096, dictionary: 256 << 10);
            Assert.InRange(result.Stream.Length, 6, 4096);
            var output = new byte[result.Consumed];
            decoder.Decompress(result.Stream, output, partial: false, nid: 1, offset: 4096L * pclusters);
            Assert.True(data.AsSpan(offset, result.Consumed).SequenceEqual(output));
            offset += result.Consumed;
            pclusters++;
        }
        Assert.InRange(pclusters, 2, 100);
    }

    [Fact]
    public void Exact_decoding_rejects_extra_input_after_the_stream()
    {
        var data = Codec.Text(5_000, 33);
        var stream = MicroLzmaEncoder.EncodeAll(data);
        var e = Assert.Throws<ErofsContentException>(
            () => new LzmaDecompressor(64 << 10).Decompress([.. stream, 0x55, 0x66], new byte[data.Length], partial: false));
        Assert.StartsWith("LZMA data is corrupt", e.Message);
    }

    [Fact]
    public void A_small_configured_dictionary_still_decodes_streams_that_fit_it()
    {
        // The dictionary given to liblzma is min(config, output); 0 in the config reads as 4 KiB.
        var data = Codec.Text(3_000, 34);
        var stream = MicroLzmaEncoder.Encode(data, 8_000, dictionary: 4096).Stream;
        var output = new byte[data.Length];
        new LzmaDecompressor(0).Decompress(stream, output, partial: false);
        Assert.Equal(data, output);
    }

    [Fact]
    public void Invalid_properties_are_a_content_error()
    {
        var stream = MicroLzmaEncoder.EncodeAll(Codec.Text(2_000, 35));
        stream[0] = 0x00;   // ~0xFF: lc/lp/pb out of range
        var e = Assert.Throws<ErofsContentException>(
            () => new LzmaDecompressor(64 << 10).Decompress(stream, new byte[2_000], partial: false, nid: 9));
        Assert.Contains("LZMA", e.Message);
    }
}
