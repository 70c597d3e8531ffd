using Erofs.Compression;

namespace Erofs.Tests.Compression;

/// <summary>The <see cref="IDecompressor"/> contract, checked the same way for every algorithm.</summary>
public sealed class DecompressorContractTests
{
    public static TheoryData<string> Algorithms => Codec.All;

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Exact_round_trip_of_compressible_and_incompressible_data(string name)
    {
        var algorithm = Codec.Parse(name);
        foreach (var data in new[] { Codec.Text(70_000, 1), Codec.Noise(5_000, 2), Codec.Text(1, 3), new byte[4096] })
        {
            var stream = Codec.Encode(algorithm, data);
            var output = new byte[data.Length];
            Codec.Decoder(algorithm).Decompress(stream, output, partial: false);
            Assert.Equal(data, output);
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Partial_decoding_returns_each_prefix(string name)
    {
        var algorithm = Codec.Parse(name);
        var data = Codec.Text(50_000, 4);
        var stream = Codec.Encode(algorithm, data);
        var decoder = Codec.Decoder(algorithm);
        foreach (int length in new[] { 1, 7, 4096, 4097, 25_000, 49_999, 50_000 })
        {
            var output = new byte[length];
            decoder.Decompress(stream, output, partial: true);
            Assert.True(data.AsSpan(0, length).SequenceEqual(output), $"prefix {length}");
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Partial_decoding_of_nothing_is_a_no_op(string name)
    {
        var algorithm = Codec.Parse(name);
        Codec.Decoder(algorithm).Decompress(Codec.Encode(algorithm, Codec.Text(100, 5)), Span<byte>.Empty, partial: true);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Exact_decoding_rejects_a_stream_longer_than_the_destination(string name)
    {
        var algorithm = Codec.Parse(name);
        var data = Codec.Text(20_000, 6);
        var stream = Codec.Encode(algorithm, data);
        var output = new byte[data.Length + 64];
        Array.Fill(output, (byte)0xCC);
        var e = Assert.Throws<ErofsContentException>(
            () => Codec.Decoder(algorithm).Decompress(stream, output.AsSpan(0, data.Length - 1), partial: false, nid: 42, offset: 8192));
        Assert.Contains(algorithm.Name(), e.Message);
        Assert.Equal(42UL, e.Nid);
        Assert.Equal(8192L, e.Offset);
        Assert.All(output[(data.Length - 1)..], b => Assert.Equal(0xCC, b));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Exact_and_partial_decoding_reject_a_stream_shorter_than_the_destination(string name)
    {
        var algorithm = Codec.Parse(name);
        var data = Codec.Text(20_000, 7);
        var stream = Codec.Encode(algorithm, data);
        foreach (bool partial in new[] { false, true })
        {
            var e = Assert.Throws<ErofsContentException>(
                () => Codec.Decoder(algorithm).Decompress(stream, new byte[data.Length + 1], partial, nid: 7));
            Assert.Contains(algorithm.Name(), e.Message);
            Assert.Equal(7UL, e.Nid);
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void An_empty_source_is_a_content_error(string name)
    {
        var algorithm = Codec.Parse(name);
        var e = Assert.Throws<ErofsContentException>(
            () => Codec.Decoder(algorithm).Decompress(ReadOnlySpan<byte>.Empty, new byte[10], partial: false));
        Assert.Contains("empty", e.Message);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Truncated_streams_are_content_errors(string name)
    {
        var algorithm = Codec.Parse(name);
        var data = Codec.Text(30_000, 8);
        var stream = Codec.Encode(algorithm, data);
        // DeflateStream cannot tell "final block ended" from "input ran out": a stream missing only
        // its last byte (end-of-block bits) still yields every output byte, so DEFLATE skips that case.
        int[] keeps = algorithm == CompressionAlgorithm.Deflate
            ? [1, 2, stream.Length / 2, stream.Length - 8]
            : [1, 2, stream.Length / 2, stream.Length - 1];
        foreach (int keep in keeps)
        {
            Assert.Throws<ErofsContentException>(
                () => Codec.Decoder(algorithm).Decompress(stream.AsSpan(0, keep), new byte[data.Length], partial: false));
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Many_threads_decode_at_once(string name)
    {
        var algorithm = Codec.Parse(name);
        var inputs = Enumerable.Range(0, 8).Select(i => Codec.Text(30_000 + 1000 * i, 100 + i)).ToArray();
        var streams = inputs.Select(d => Codec.Encode(algorithm, d)).ToArray();
        var decoder = Codec.Decoder(algorithm);   // one shared instance, as the image uses it
        int failures = 0;
        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var data = inputs[i % inputs.Length];
            int length = i % 3 == 0 ? data.Length : 1 + (i * 7919) % data.Length;
            var output = new byte[length];
            decoder.Decompress(streams[i % streams.Length], output, partial: length != data.Length);
            if (!data.AsSpan(0, length).SequenceEqual(output))
                Interlocked.Increment(ref failures);
        });
        Assert.Equal(0, failures);
    }
}
