using Erofs.Compression.Encoding;
using Erofs.Interop;
using K4os.Compression.LZ4;
using Xunit.Abstractions;

namespace Erofs.Tests.Compression.Encoding;

/// <summary>The managed greedy LZ4 encoder against both decoders and liblz4's encoders, and the block-format rules of both.</summary>
public sealed class Lz4EncoderTests(ITestOutputHelper log)
{
    private static readonly EncoderSettings Lz4 = EncoderSettings.Create(CompressorKind.Lz4);

    [Fact]
    public void Liblz4_destsize_compressors_are_available_here()
    {
        Assert.True(Liblz4.HasDestSizeCompressors);
        Assert.True(Liblz4.VersionNumber() >= 10900, $"liblz4 {Liblz4.VersionNumber()}");
        Assert.Equal(EncoderBackend.Liblz4, new PclusterEncoderFactory(Lz4).Backend);
    }

    [Theory]
    [InlineData(512)]
    [InlineData(4096)]
    [InlineData(65536)]
    public void Managed_streams_decode_with_k4os_and_liblz4_and_keep_the_block_rules(int budget)
    {
        using var encoder = new ManagedLz4Encoder(Lz4);
        foreach (string name in EncoderInputs.Names)
            ForEachStream(encoder, EncoderInputs.Get(name, 512 << 10), budget, (stream, expected) =>
            {
                var managed = new byte[expected.Length];
                Assert.Equal(expected.Length, LZ4Codec.Decode(stream, managed));
                Assert.True(expected.SequenceEqual(managed), $"{name}: K4os decodes differently");
                Assert.True(expected.SequenceEqual(DecodeNative(stream, expected.Length)), $"{name}: liblz4 decodes differently");
                Lz4BlockRules.Check(stream, expected.Length);
            });
    }

    [Theory]
    [InlineData("lz4", null)]
    [InlineData("lz4hc", 9)]
    [InlineData("lz4hc", 12)]
    public void Liblz4_streams_keep_the_block_rules(string kind, int? level)
    {
        Assert.True(CompressorKinds.TryParse(kind, out var parsed));
        using var encoder = new PclusterEncoderFactory(EncoderSettings.Create(parsed, level), EncoderBackend.Liblz4).Create();
        foreach (string name in EncoderInputs.Names)
            ForEachStream(encoder, EncoderInputs.Get(name, 256 << 10), 4096, (stream, expected) => Lz4BlockRules.Check(stream, expected.Length));
    }

    [Fact]
    public void Managed_ratio_is_close_to_liblz4_fast_and_hc_is_better()
    {
        var input = EncoderInputs.Get("libcoreclr").Concat(EncoderInputs.Get("licenses")).ToArray();
        int Count(IPclusterEncoder encoder)
        {
            using (encoder)
                return PclusterLoop.Run(encoder, input, 4096).Streams;
        }
        int managed = Count(new ManagedLz4Encoder(Lz4));
        int fast = Count(new PclusterEncoderFactory(Lz4).Create());
        int hc9 = Count(new PclusterEncoderFactory(EncoderSettings.Create(CompressorKind.Lz4Hc)).Create());
        int hc12 = Count(new PclusterEncoderFactory(EncoderSettings.Create(CompressorKind.Lz4Hc, 12)).Create());
        log.WriteLine($"4 KiB pclusters for {input.Length} bytes: managed {managed}, liblz4 fast {fast}, hc9 {hc9}, hc12 {hc12}");
        Assert.InRange(managed, fast * 0.95, fast * 1.05);
        Assert.True(hc9 < fast && hc12 <= hc9, "HC levels should need fewer pclusters");
    }

    [Fact]
    public void Long_runs_end_with_a_shortened_match_as_liblz4_does()
    {
        // 1 MiB of zeros: the match runs past what 4 KiB can describe, so it is cut to fit rather than dropped.
        var zeros = new byte[1 << 20];
        var output = new byte[4096];
        using var managed = new ManagedLz4Encoder(Lz4);
        using var native = new PclusterEncoderFactory(Lz4).Create();
        int managedWritten = managed.Encode(zeros, output, out int managedConsumed);
        int nativeWritten = native.Encode(zeros, output, out int nativeConsumed);
        log.WriteLine($"managed {managedWritten} B for {managedConsumed}; liblz4 {nativeWritten} B for {nativeConsumed}");
        Assert.True(managedConsumed > 1_000_000 && managedWritten > 4000, $"{managedConsumed} bytes in {managedWritten}");
        Assert.InRange(managedConsumed, nativeConsumed * 0.99, nativeConsumed * 1.01);
    }

    private static void ForEachStream(IPclusterEncoder encoder, byte[] input, int budget, Action<byte[], byte[]> check)
    {
        var output = new byte[budget];
        for (int offset = 0; offset < input.Length;)
        {
            int written = encoder.Encode(input.AsSpan(offset), output, out int consumed);
            check(output[..written], input[offset..(offset + consumed)]);
            offset += consumed;
        }
    }

    private static unsafe byte[] DecodeNative(byte[] stream, int length)
    {
        var decoded = new byte[length];
        fixed (byte* source = stream)
        fixed (byte* destination = decoded)
            Assert.Equal(length, Liblz4.DecompressSafe(source, destination, stream.Length, length));
        return decoded;
    }
}
