using Erofs.Compression;
using K4os.Compression.LZ4;

namespace Erofs.Tests.Compression;

/// <summary>What K4os's Decode/PartialDecode do at the edges, and how the LZ4 decoder maps it.</summary>
public sealed class Lz4DecompressorTests
{
    private static readonly byte[] Data = Codec.Text(40_000, 21);
    private static readonly byte[] Stream = Codec.Lz4(Data);

    [Fact]
    public void K4os_decode_reports_the_exact_size_or_minus_one()
    {
        Assert.Equal(Data.Length, LZ4Codec.Decode(Stream, new byte[Data.Length]));
        Assert.Equal(Data.Length, LZ4Codec.Decode(Stream, new byte[Data.Length + 1]));   // shorter output: a smaller count
        Assert.Equal(-1, LZ4Codec.Decode(Stream, new byte[Data.Length - 1]));           // longer output: -1
        Assert.Equal(-1, LZ4Codec.Decode(Stream[..^1], new byte[Data.Length]));          // truncated input: -1
        Assert.Equal(-1, LZ4Codec.Decode([.. Stream, 1, 2, 3], new byte[Data.Length])); // trailing bytes: -1
    }

    [Fact]
    public void K4os_partial_decode_stops_at_the_destination()
    {
        Assert.Equal(1000, LZ4Codec.PartialDecode(Stream, new byte[1000]));
        Assert.Equal(Data.Length, LZ4Codec.PartialDecode(Stream, new byte[Data.Length + 10]));
        // Bytes after the stream are never looked at while the wanted prefix ends earlier.
        Assert.Equal(1000, LZ4Codec.PartialDecode([.. Stream, 1, 2, 3], new byte[1000]));
    }

    [Fact]
    public void Exact_decoding_rejects_trailing_bytes_after_the_last_sequence()
    {
        var e = Assert.Throws<ErofsContentException>(
            () => Lz4Decompressor.Instance.Decompress([.. Stream, 7], new byte[Data.Length], partial: false));
        Assert.StartsWith("LZ4 data is corrupt", e.Message);
    }

    [Fact]
    public void First_byte_of_an_lz4_stream_is_never_zero()
    {
        // The first token always carries literals, which is what 0padding detection relies on.
        foreach (var data in new[] { Codec.Text(10, 1), new byte[5000], Codec.Noise(300, 2) })
            Assert.NotEqual(0, Codec.Lz4(data)[0]);
    }
}
