using System.IO.Compression;
using Erofs.Compression;

namespace Erofs.Tests.Compression;

/// <summary>Raw DEFLATE specifics: stored blocks with mkfs's non-zero first byte.</summary>
public sealed class DeflateDecompressorTests
{
    [Fact]
    public void A_stored_block_with_padding_bit_3_set_still_decodes()
    {
        // mkfs sets bit 3 of a leading stored block's first byte so the stream never starts with 0;
        // bits 3..7 of that byte are padding an inflater skips.
        var data = Codec.Noise(3_000, 41);
        var stream = Codec.Deflate(data, CompressionLevel.NoCompression);
        Assert.Equal(0, stream[0] & 0x06);   // BTYPE 00 = stored
        stream[0] |= 0x08;
        var output = new byte[data.Length];
        DeflateDecompressor.Instance.Decompress(stream, output, partial: false);
        Assert.Equal(data, output);
    }

    [Fact]
    public void Garbage_is_a_content_error_naming_deflate()
    {
        var e = Assert.Throws<ErofsContentException>(
            () => DeflateDecompressor.Instance.Decompress([0xFF, 0xFF, 0xFF, 0xFF], new byte[100], partial: false, offset: 12288));
        Assert.StartsWith("DEFLATE data is corrupt", e.Message);
        Assert.Equal(12288L, e.Offset);
    }
}
